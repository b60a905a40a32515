package dev.kontor.imports.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The lines of a file as bytes arrive, with the byte offset after each line: the checkpoint a resumed import seeks
 * to. Lines end at {@code \n} (a {@code \r} before it is dropped); a UTF-8 byte order mark at the start is skipped.
 */
public final class LineSource {

    private final InputStream in;
    private long offset;
    private long lineNo;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream(4096);
    private final byte[] buffer = new byte[65536];
    private int pos;
    private int len;

    /** {@code offset} and {@code lineNo}: where the stream starts in the file. */
    public LineSource(InputStream in, long offset, long lineNo) {
        this.in = in;
        this.offset = offset;
        this.lineNo = lineNo;
    }

    /** The next line, or null at the end. */
    public String next() {
        line.reset();
        boolean any = false;
        while (true) {
            if (pos == len) {
                try {
                    len = in.read(buffer);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                pos = 0;
                if (len <= 0) {
                    len = 0;
                    if (!any) {
                        return null;
                    }
                    break;
                }
            }
            any = true;
            int start = pos;
            while (pos < len && buffer[pos] != '\n') {
                pos++;
            }
            line.write(buffer, start, pos - start);
            offset += pos - start;
            if (pos < len) {
                pos++;
                offset++;
                break;
            }
        }
        lineNo++;
        byte[] bytes = line.toByteArray();
        int end = bytes.length;
        if (end > 0 && bytes[end - 1] == '\r') {
            end--;
        }
        int begin = 0;
        if (lineNo == 1
                && end >= 3
                && (bytes[0] & 0xff) == 0xef
                && (bytes[1] & 0xff) == 0xbb
                && (bytes[2] & 0xff) == 0xbf) {
            begin = 3;
        }
        return new String(bytes, begin, end - begin, StandardCharsets.UTF_8);
    }

    /** The byte offset just after the last line returned. */
    public long offset() {
        return offset;
    }

    /** The number of the last line returned (1 for the first line of the file). */
    public long lineNo() {
        return lineNo;
    }
}
