package dev.kontor.knowledge;

import java.util.List;

/**
 * One search result: an article shown in {@code language} (the reader's when the article has it, else the one
 * that matched), with a short plain-text excerpt around the first word found.
 */
public record ArticleHit(
        long articleId,
        long clientId,
        String language,
        String title,
        String excerpt,
        String visibility,
        String policyKind,
        String externalUrl,
        List<String> categories,
        List<String> languages) {}
