package dev.kontor.knowledge.internal;

import java.util.ArrayList;
import java.util.List;

/** RFC 4180 CSV: quoted cells may hold commas, quotes (doubled) and line breaks; a comma or semicolon separates. */
public final class Csv {

    private Csv() {}

    /** A parsed row and the line it starts on (1 is the header). */
    public record Row(int line, List<String> cells) {}

    /** The rows of the text; the separator is the header line's (a semicolon when it has one and no comma). */
    public static List<Row> parse(String text) {
        String s = text.startsWith("\uFEFF") ? text.substring(1) : text;
        int firstBreak = s.indexOf('\n');
        String header = firstBreak < 0 ? s : s.substring(0, firstBreak);
        char sep = header.indexOf(',') < 0 && header.indexOf(';') >= 0 ? ';' : ',';
        List<Row> rows = new ArrayList<>();
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        int line = 1;
        int rowLine = 1;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < s.length() && s.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    cell.append(c);
                }
            } else if (c == '"' && cell.isEmpty()) {
                quoted = true;
            } else if (c == sep) {
                cells.add(cell.toString());
                cell.setLength(0);
            } else if (c == '\r') {
                // Line ends are \n or \r\n.
            } else if (c == '\n') {
                cells.add(cell.toString());
                cell.setLength(0);
                if (!(cells.size() == 1 && cells.get(0).isEmpty())) {
                    rows.add(new Row(rowLine, List.copyOf(cells)));
                }
                cells = new ArrayList<>();
                line++;
                rowLine = line;
            } else {
                cell.append(c);
            }
        }
        if (!cell.isEmpty() || !cells.isEmpty()) {
            cells.add(cell.toString());
            rows.add(new Row(rowLine, List.copyOf(cells)));
        }
        return rows;
    }

    public static String line(List<String> cells) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            String v = cells.get(i) == null ? "" : cells.get(i);
            if (v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r") || v.contains(";")) {
                out.append('"').append(v.replace("\"", "\"\"")).append('"');
            } else {
                out.append(v);
            }
        }
        return out.append("\r\n").toString();
    }
}
