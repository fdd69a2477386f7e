package io.cxone.themes.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

/**
 * docs/api.md's "Error codes" is the list portals switch on: it must name exactly the codes the service can answer
 * ({@link ErrorCode}), so a code added in the code without the doc, or left in the doc after the code went, fails here.
 */
class ErrorCodeDocsTest {
    private static final Path API_DOC = Path.of("docs", "api.md");
    private static final Pattern FIRST_CODE = Pattern.compile("`([^`]+)`");

    @Test
    void theApiDocListsExactlyTheErrorCodes() throws IOException {
        Set<String> documented = documentedCodes(Files.readAllLines(API_DOC));
        Set<String> answered = Arrays.stream(ErrorCode.values()).map(ErrorCode::wire)
                .collect(Collectors.toCollection(TreeSet::new));
        assertFalse(documented.isEmpty(), "no code found under '## Error codes' in " + API_DOC);
        assertEquals(answered, documented, "docs/api.md '## Error codes' must list exactly ErrorCode's wire codes");
    }

    @Test
    void everyWireCodeIsOneSnakeCaseWord() {
        for (ErrorCode code : ErrorCode.values()) {
            assertEquals(code.name().toLowerCase(java.util.Locale.ROOT), code.wire(), code.name());
            assertEquals(code.wire(), code.toString());
        }
    }

    /**
     * The codes of every table in the "Error codes" section, as the doc writes them: each table has a column headed
     * {@code code}, and each of its rows names the code as the first backticked word of that cell ({@code `duplicate`
     * (path `versionTag`)}).
     */
    static Set<String> documentedCodes(List<String> lines) {
        Set<String> codes = new TreeSet<>();
        int codeColumn = -1;
        boolean inSection = false;
        for (String line : lines) {
            if (line.startsWith("## ")) {
                inSection = line.strip().equals("## Error codes");
                continue;
            }
            if (!inSection) {
                continue;
            }
            if (!line.startsWith("|")) {
                codeColumn = -1; // a table ends at the first line that is not a row
                continue;
            }
            List<String> cells = cells(line);
            if (codeColumn < 0) {
                codeColumn = cells.indexOf("code"); // the header row
            } else if (!cells.get(codeColumn).startsWith("---")) {
                Matcher code = FIRST_CODE.matcher(cells.get(codeColumn));
                if (code.find()) {
                    codes.add(code.group(1));
                }
            }
        }
        return codes;
    }

    private static List<String> cells(String row) {
        String inner = row.strip().substring(1);
        if (inner.endsWith("|")) {
            inner = inner.substring(0, inner.length() - 1);
        }
        return Arrays.stream(inner.split("\\|", -1)).map(String::strip).toList();
    }
}
