package dev.kontor.imports;

/** A line the import could not take whole: its number, the field, why; {@code skipped} false: imported without it. */
public record ImportErrorView(long lineNo, String field, String message, boolean skipped) {}
