package dev.kontor.imports.internal;

/** Reads an export ticket by ticket. */
public interface TicketReader {

    /** The next ticket (possibly {@link TicketLine#failed}), or null at the end of the file. */
    TicketLine next();

    /** {@code csvHeader}: the file's first line, when {@code lines} starts after it (a resumed CSV import). */
    static TicketReader of(String format, LineSource lines, String csvHeader) {
        return switch (format) {
            case "jsonl" -> new JsonLinesReader(lines);
            case "csv" -> csvHeader == null ? new CsvReader(lines) : new CsvReader(lines, csvHeader);
            default -> throw new IllegalArgumentException("unknown format " + format);
        };
    }
}
