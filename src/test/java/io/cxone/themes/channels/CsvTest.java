package io.cxone.themes.channels;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

/** RFC 4180 quoting and formula neutralising of the fleet report's CSV. */
class CsvTest {
    @Test
    void quotesWhatNeedsQuotingAndNothingElse() {
        assertEquals("plain,\"a,b\",\"say \"\"hi\"\"\",\"two\r\nlines\",,1.5\r\n",
                Csv.line(Arrays.asList("plain", "a,b", "say \"hi\"", "two\r\nlines", null, 1.5)));
    }

    @Test
    void cellsThatASpreadsheetWouldRunAreText() {
        assertEquals("'=1+1", Csv.cell("=1+1"));
        assertEquals("'+cmd", Csv.cell("+cmd"));
        assertEquals("'-2", Csv.cell("-2"));
        assertEquals("'@SUM(A1)", Csv.cell("@SUM(A1)"));
        assertEquals("'\tx", Csv.cell("\tx"));
        assertEquals("\"'\rx\"", Csv.cell("\rx"));
        assertEquals("\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"", Csv.cell("=HYPERLINK(\"http://x\",\"y\")"));
        assertEquals("a=b", Csv.cell("a=b"));
    }
}
