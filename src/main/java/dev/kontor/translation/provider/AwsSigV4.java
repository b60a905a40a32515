package dev.kontor.translation.provider;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * AWS Signature Version 4 for one request with its body in memory: the canonical request, the string to sign and
 * the derived signing key, as AWS documents them. Small enough to own instead of pulling in an SDK for one call.
 */
final class AwsSigV4 {

    record Credentials(String accessKeyId, String secretAccessKey, String sessionToken) {}

    private static final String ALGORITHM = "AWS4-HMAC-SHA256";
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private AwsSigV4() {}

    /**
     * The headers to add to the request: {@code X-Amz-Date}, {@code X-Amz-Security-Token} for temporary
     * credentials, and {@code Authorization}.
     *
     * @param headers the request's other headers to sign (not Host, which is taken from the URI)
     */
    static Map<String, String> sign(
            String method,
            URI uri,
            Map<String, String> headers,
            byte[] payload,
            String region,
            String service,
            Instant at,
            Credentials credentials) {
        String amzDate = STAMP.format(at);
        String date = amzDate.substring(0, 8);
        Map<String, String> added = new LinkedHashMap<>();
        added.put("X-Amz-Date", amzDate);
        if (credentials.sessionToken() != null && !credentials.sessionToken().isBlank()) {
            added.put("X-Amz-Security-Token", credentials.sessionToken());
        }
        TreeMap<String, String> signed = new TreeMap<>();
        headers.forEach(
                (k, v) -> signed.put(k.toLowerCase(Locale.ROOT), v.strip().replaceAll("\\s+", " ")));
        added.forEach((k, v) -> signed.put(k.toLowerCase(Locale.ROOT), v));
        signed.put("host", host(uri));
        String signedHeaders = String.join(";", signed.keySet());
        String canonicalRequest = canonicalRequest(method, uri, signed, signedHeaders, payload);
        String scope = date + "/" + region + "/" + service + "/aws4_request";
        String stringToSign = ALGORITHM + "\n" + amzDate + "\n" + scope + "\n" + hex(sha256(bytes(canonicalRequest)));
        byte[] key = signingKey(credentials.secretAccessKey(), date, region, service);
        String signature = hex(hmac(key, stringToSign));
        added.put(
                "Authorization",
                ALGORITHM + " Credential=" + credentials.accessKeyId() + "/" + scope + ", SignedHeaders="
                        + signedHeaders + ", Signature=" + signature);
        return added;
    }

    static String canonicalRequest(
            String method, URI uri, TreeMap<String, String> headers, String signedHeaders, byte[] payload) {
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        StringBuilder canonicalHeaders = new StringBuilder();
        headers.forEach(
                (k, v) -> canonicalHeaders.append(k).append(':').append(v).append('\n'));
        return method + "\n" + path + "\n" + canonicalQuery(uri.getRawQuery()) + "\n" + canonicalHeaders + "\n"
                + signedHeaders + "\n" + hex(sha256(payload));
    }

    private static String canonicalQuery(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return "";
        }
        return List.of(rawQuery.split("&")).stream()
                .map(pair -> {
                    int eq = pair.indexOf('=');
                    String k = eq < 0 ? pair : pair.substring(0, eq);
                    String v = eq < 0 ? "" : pair.substring(eq + 1);
                    return encode(URLDecoder.decode(k, StandardCharsets.UTF_8)) + "="
                            + encode(URLDecoder.decode(v, StandardCharsets.UTF_8));
                })
                .sorted()
                .collect(Collectors.joining("&"));
    }

    /** RFC 3986 unreserved characters stay, everything else is percent-encoded (no '+' for spaces). */
    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8)
                .replace("+", "%20")
                .replace("*", "%2A")
                .replace("%7E", "~");
    }

    private static String host(URI uri) {
        int port = uri.getPort();
        boolean standard = port == -1
                || ("https".equals(uri.getScheme()) && port == 443)
                || ("http".equals(uri.getScheme()) && port == 80);
        return standard ? uri.getHost() : uri.getHost() + ":" + port;
    }

    static byte[] signingKey(String secret, String date, String region, String service) {
        byte[] kDate = hmac(bytes("AWS4" + secret), date);
        byte[] kRegion = hmac(kDate, region);
        byte[] kService = hmac(kRegion, service);
        return hmac(kService, "aws4_request");
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(bytes(data));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
