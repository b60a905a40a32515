package dev.kontor.simulator;

import java.util.List;
import java.util.Map;

/**
 * One request and its answer as they crossed the wire, for contract tests. {@code path} starts at {@code /api/},
 * without the marketplace's prefix.
 */
public record Exchange(
        String method,
        String path,
        Map<String, List<String>> query,
        Map<String, List<String>> requestHeaders,
        String requestContentType,
        byte[] requestBody,
        int status,
        Map<String, List<String>> responseHeaders,
        String responseContentType,
        byte[] responseBody) {}
