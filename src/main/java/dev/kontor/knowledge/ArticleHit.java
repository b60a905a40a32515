package dev.kontor.knowledge;

/** One search result: an article in the language that matched, with a short plain-text excerpt. */
public record ArticleHit(
        long articleId,
        long clientId,
        String language,
        String title,
        String excerpt,
        String visibility,
        String policyKind,
        String externalUrl,
        double rank) {}
