package dev.kontor.knowledge;

import java.time.Instant;

/** A text a variant had, who wrote it and when; the newest of a language is the current text. */
public record RevisionView(
        long id,
        long articleId,
        String language,
        String title,
        String body,
        Long authorId,
        String authorName,
        Instant createdAt) {}
