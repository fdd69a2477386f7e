package io.cxone.themes.channels;

import java.util.List;

/**
 * RFC 4180 CSV that opens safely in a spreadsheet: CRLF line ends; a cell with a comma, quote, CR or LF is quoted
 * with inner quotes doubled; a cell starting with {@code = + - @}, a tab or a CR gets a leading {@code '} first, so
 * a channel name such as {@code =HYPERLINK(...)} is shown as text and never run as a formula (OWASP "CSV injection").
 */
final class Csv {
    private Csv() {
    }

    static String line(List<?> cells) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(cell(cells.get(i)));
        }
        return out.append("\r\n").toString();
    }

    static String cell(Object value) {
        if (value == null) {
            return "";
        }
        String text = value.toString();
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            text = "'" + text;
        }
        if (text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\r') >= 0 || text.indexOf('\n') >= 0) {
            return '"' + text.replace("\"", "\"\"") + '"';
        }
        return text;
    }
}
