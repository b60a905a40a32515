package dev.kontor.knowledge;

/**
 * A client's policy article in one language, as drafts use it: {@code kind} is a {@link PolicyKind} key,
 * {@code language} the variant's language, which may differ from the one asked for (the caller translates).
 */
public record PolicyArticle(long id, String kind, String title, String body, String language) {}
