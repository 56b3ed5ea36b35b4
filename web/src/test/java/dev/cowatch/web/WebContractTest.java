package dev.cowatch.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import dev.cowatch.core.Tolerances;
import dev.cowatch.protocol.ClientMessage;
import dev.cowatch.protocol.ServerMessage;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The browser client keeps TypeScript copies of the sync tolerances and the protocol's message
 * names; this test fails as soon as they drift from the Java originals.
 */
class WebContractTest {
  private static final Path SRC = Path.of("src");

  @Test
  void tolerances_matchTheJavaRecord() throws Exception {
    String ts = Files.readString(SRC.resolve("engine/tolerances.ts"));
    Map<String, Double> web = new LinkedHashMap<>();
    Matcher m = Pattern.compile("(\\w+): ([0-9_.]+),").matcher(ts);
    while (m.find()) web.put(m.group(1), Double.parseDouble(m.group(2).replace("_", "")));

    Map<String, Double> java = new LinkedHashMap<>();
    for (RecordComponent c : Tolerances.class.getRecordComponents()) {
      java.put(c.getName(), ((Number) c.getAccessor().invoke(Tolerances.DEFAULTS)).doubleValue());
    }
    assertThat(web).containsExactlyEntriesOf(java);
  }

  @Test
  void messageTypes_matchTheProtocolRecords() throws IOException {
    String ts = Files.readString(SRC.resolve("protocol.ts"));
    assertThat(listIn(ts, "CLIENT_MESSAGE_TYPES")).containsExactlyElementsOf(namesOf(ClientMessage.class));
    assertThat(listIn(ts, "SERVER_MESSAGE_TYPES")).containsExactlyElementsOf(namesOf(ServerMessage.class));
  }

  private static List<String> namesOf(Class<?> union) {
    return Arrays.stream(union.getAnnotation(JsonSubTypes.class).value()).map(JsonSubTypes.Type::name).toList();
  }

  private static List<String> listIn(String ts, String constant) {
    Matcher m = Pattern.compile(constant + "[^=]*= \\[([^\\]]*)\\]", Pattern.DOTALL).matcher(ts);
    assertThat(m.find()).as(constant + " in protocol.ts").isTrue();
    return Pattern.compile("'(\\w+)'").matcher(m.group(1)).results().map(r -> r.group(1)).toList();
  }
}
