package dev.kontor.simulator;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A small, binary-safe multipart/form-data reader (RFC 7578), enough for M12 and OR43. */
final class Multipart {

    record Part(String name, String filename, String contentType, byte[] content) {}

    private static final Pattern BOUNDARY = Pattern.compile("(?i)boundary=\"?([^\";]+)\"?");
    private static final Pattern NAME = Pattern.compile("(?i)\\bname=\"([^\"]*)\"");
    private static final Pattern FILENAME = Pattern.compile("(?i)\\bfilename=\"([^\"]*)\"");

    private Multipart() {}

    static String boundary(String contentType) {
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
            return null;
        }
        Matcher m = BOUNDARY.matcher(contentType);
        return m.find() ? m.group(1) : null;
    }

    static List<Part> parse(byte[] body, String boundary) {
        byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        List<Part> parts = new ArrayList<>();
        int start = indexOf(body, delimiter, 0);
        if (start < 0) {
            throw new IllegalArgumentException("no multipart boundary in the body");
        }
        int pos = start + delimiter.length;
        while (true) {
            if (pos + 1 < body.length && body[pos] == '-' && body[pos + 1] == '-') {
                return parts; // closing delimiter
            }
            pos = skipLineEnd(body, pos);
            int headersEnd = indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), pos);
            if (headersEnd < 0) {
                throw new IllegalArgumentException("a multipart part has no header end");
            }
            String headers = new String(body, pos, headersEnd - pos, StandardCharsets.UTF_8);
            int contentStart = headersEnd + 4;
            int next = indexOf(body, ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1), contentStart);
            if (next < 0) {
                throw new IllegalArgumentException("a multipart part is not closed");
            }
            byte[] content = java.util.Arrays.copyOfRange(body, contentStart, next);
            String disposition = header(headers, "content-disposition");
            String name = find(NAME, disposition);
            String filename = find(FILENAME, disposition);
            parts.add(new Part(name, filename, header(headers, "content-type"), content));
            pos = next + 2 + delimiter.length;
        }
    }

    private static String header(String headers, String name) {
        for (String line : headers.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).strip().equalsIgnoreCase(name)) {
                return line.substring(colon + 1).strip();
            }
        }
        return null;
    }

    private static String find(Pattern p, String s) {
        if (s == null) {
            return null;
        }
        Matcher m = p.matcher(s);
        return m.find() ? m.group(1) : null;
    }

    private static int skipLineEnd(byte[] b, int pos) {
        if (pos < b.length && b[pos] == '\r') {
            pos++;
        }
        if (pos < b.length && b[pos] == '\n') {
            pos++;
        }
        return pos;
    }

    static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = Math.max(0, from); i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
