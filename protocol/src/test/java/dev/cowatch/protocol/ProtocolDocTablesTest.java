package dev.cowatch.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
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
 * docs/protocol.md's error-code table (section 11) and close-code table (section 12) say exactly what
 * {@link WireError} and {@link CloseCodes} hold: a code added, renamed or removed on one side fails here.
 */
class ProtocolDocTablesTest {
  /** The module runs from protocol/; the docs live beside it. */
  private static final Path DOC = Path.of("..", "docs", "protocol.md");
  private static final Pattern ERROR_ROW = Pattern.compile("^\\| `([a-z_]+)` \\|");
  private static final Pattern CLOSE_ROW = Pattern.compile("^\\| (\\d{4}) \\|");

  /** The lines of the section whose heading starts with {@code heading}, up to the next "## ". */
  private static List<String> section(String heading) throws IOException {
    List<String> lines = Files.readAllLines(DOC, StandardCharsets.UTF_8);
    int start = -1;
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).startsWith(heading)) start = i + 1;
    }
    assertThat(start).as("section '%s' in %s", heading, DOC).isPositive();
    int end = start;
    while (end < lines.size() && !lines.get(end).startsWith("## ")) end++;
    return lines.subList(start, end);
  }

  private static Set<String> firstColumn(List<String> lines, Pattern row) {
    Set<String> found = new TreeSet<>();
    boolean inBody = false; // the header row (`code`) is not a code: rows count after the |---| line
    for (String line : lines) {
      if (!line.startsWith("|")) {
        inBody = false;
      } else if (line.startsWith("|---")) {
        inBody = true;
      } else if (inBody) {
        Matcher m = row.matcher(line);
        if (m.find()) found.add(m.group(1));
      }
    }
    return found;
  }

  @Test
  void errorCodeTable_listsExactlyTheWireErrors() throws IOException {
    Set<String> documented = firstColumn(section("## 11. Error codes"), ERROR_ROW);
    Set<String> inCode = Arrays.stream(WireError.values()).map(WireError::code).collect(Collectors.toCollection(TreeSet::new));
    assertThat(documented).as("section 11 of docs/protocol.md vs WireError").isEqualTo(inCode);
  }

  @Test
  void closeCodeTable_listsExactlyTheCloseCodes() throws IOException, IllegalAccessException {
    Set<String> documented = firstColumn(section("## 12. Close codes"), CLOSE_ROW);
    Set<String> inCode = new TreeSet<>();
    for (Field f : CloseCodes.class.getDeclaredFields()) {
      if (Modifier.isStatic(f.getModifiers()) && f.getType() == int.class) inCode.add(Integer.toString(f.getInt(null)));
    }
    assertThat(documented).as("section 12 of docs/protocol.md vs CloseCodes").isEqualTo(inCode);
  }
}
