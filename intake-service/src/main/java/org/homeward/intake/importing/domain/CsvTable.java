package org.homeward.intake.importing.domain;

import java.util.ArrayList;
import java.util.List;

/**
 * A CSV document as RFC 4180 describes it: comma-separated cells, cells in double quotes may hold commas, line breaks
 * and doubled quotes ({@code ""}); lines end with CRLF or LF. The first row is the header. Each row keeps the line
 * it starts on, so that problems can name it. A UTF-8 byte order mark (spreadsheet exports) is skipped; rows whose
 * cells are all empty are skipped.
 */
public record CsvTable(List<String> header, List<Row> rows) {

    /** A data row: the line it starts on (the header is line 1) and its cells. */
    public record Row(int line, List<String> cells) {

        @Override
        public String toString() {
            return "Row[line " + line + ", " + cells.size() + " cells]";
        }
    }

    /** The text is not CSV (an opened quote never closes, or text follows a closing quote). */
    public static class MalformedCsvException extends RuntimeException {
        private final int line;

        MalformedCsvException(int line, String reason) {
            super(reason, null, false, false);
            this.line = line;
        }

        public int line() {
            return line;
        }
    }

    public static CsvTable parse(String text) {
        String csv = text.startsWith("\uFEFF") ? text.substring(1) : text;
        List<Row> records = new ArrayList<>();
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        int line = 1;
        int recordLine = 1;
        boolean quoted = false;
        boolean afterQuote = false;
        int quoteLine = 0;
        int i = 0;
        while (i < csv.length()) {
            char c = csv.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < csv.length() && csv.charAt(i + 1) == '"') {
                        cell.append('"');
                        i += 2;
                        continue;
                    }
                    quoted = false;
                    afterQuote = true;
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    cell.append(c);
                }
                i++;
                continue;
            }
            if (c == ',') {
                cells.add(cell.toString());
                cell.setLength(0);
                afterQuote = false;
            } else if (c == '\r' || c == '\n') {
                if (c == '\r' && i + 1 < csv.length() && csv.charAt(i + 1) == '\n') {
                    i++;
                }
                cells.add(cell.toString());
                cell.setLength(0);
                afterQuote = false;
                records.add(new Row(recordLine, List.copyOf(cells)));
                cells.clear();
                line++;
                recordLine = line;
            } else if (c == '"' && cell.length() == 0 && !afterQuote) {
                quoted = true;
                quoteLine = line;
            } else if (afterQuote) {
                throw new MalformedCsvException(line, "text after a closing quote");
            } else {
                cell.append(c);
            }
            i++;
        }
        if (quoted) {
            throw new MalformedCsvException(quoteLine, "a quote opened here never closes");
        }
        if (cell.length() > 0 || !cells.isEmpty() || afterQuote) {
            cells.add(cell.toString());
            records.add(new Row(recordLine, List.copyOf(cells)));
        }
        List<Row> nonEmpty = records.stream()
                .filter(r -> r.cells().stream().anyMatch(s -> !s.isBlank())).toList();
        if (nonEmpty.isEmpty()) {
            return new CsvTable(List.of(), List.of());
        }
        return new CsvTable(nonEmpty.get(0).cells(), nonEmpty.subList(1, nonEmpty.size()));
    }
}
