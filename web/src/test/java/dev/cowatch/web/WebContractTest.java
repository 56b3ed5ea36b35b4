package dev.cowatch.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import dev.cowatch.core.Tolerances;
import dev.cowatch.protocol.ClientMessage;
import dev.cowatch.protocol.CloseCodes;
import dev.cowatch.protocol.ServerMessage;
import dev.cowatch.protocol.WireError;
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

  @Test
  void closeCodes_andWhichAreFinal_matchTheJavaOriginals() throws Exception {
    String ts = Files.readString(SRC.resolve("protocol.ts"));
    Matcher block = Pattern.compile("CLOSE_CODES = \\{([^}]*)}", Pattern.DOTALL).matcher(ts);
    assertThat(block.find()).as("CLOSE_CODES in protocol.ts").isTrue();
    Map<String, Integer> web = new LinkedHashMap<>();
    Matcher entry = Pattern.compile("(\\w+): (\\d+),").matcher(block.group(1));
    while (entry.find()) web.put(entry.group(1), Integer.parseInt(entry.group(2)));

    Map<String, Integer> java = new LinkedHashMap<>();
    for (java.lang.reflect.Field f : CloseCodes.class.getFields()) {
      if (f.getType() == int.class) java.put(f.getName(), f.getInt(null));
    }
    assertThat(web).containsExactlyInAnyOrderEntriesOf(java);

    Matcher finals = Pattern.compile("FINAL_CLOSES[^=]*= new Set\\(\\[([^\\]]*)]", Pattern.DOTALL).matcher(ts);
    assertThat(finals.find()).as("FINAL_CLOSES in protocol.ts").isTrue();
    java.util.Set<Integer> webFinal = new java.util.HashSet<>();
    Pattern.compile("CLOSE_CODES\\.(\\w+)").matcher(finals.group(1)).results()
        .forEach(r -> webFinal.add(web.get(r.group(1))));
    assertThat(webFinal).isEqualTo(CloseCodes.FINAL);
  }

  @Test
  void errorCodes_matchWireError() throws IOException {
    String ts = Files.readString(SRC.resolve("protocol.ts"));
    assertThat(listIn(ts, "ERROR_CODES"))
        .containsExactlyElementsOf(Arrays.stream(WireError.values()).map(WireError::code).toList());
  }

  /**
   * Each message's fields in the TypeScript unions are the Java record's components, by name: a
   * field added, renamed or dropped on one side only fails here (optional or not is the docs' say).
   */
  @Test
  void messageFields_matchTheProtocolRecords() throws IOException {
    String ts = Files.readString(SRC.resolve("protocol.ts"));
    assertThat(fieldsIn(ts, "ClientMessage")).isEqualTo(componentsOf(ClientMessage.class));
    assertThat(fieldsIn(ts, "ServerMessage")).isEqualTo(componentsOf(ServerMessage.class));
  }

  private static Map<String, java.util.Set<String>> fieldsIn(String ts, String union) {
    Matcher block = Pattern.compile("export type " + union + " =(.*?);\n\n", Pattern.DOTALL).matcher(ts);
    assertThat(block.find()).as(union + " in protocol.ts").isTrue();
    Map<String, java.util.Set<String>> fields = new java.util.TreeMap<>();
    Matcher member = Pattern.compile("\\{ type: '(\\w+)';?([^}]*)}").matcher(block.group(1));
    while (member.find()) {
      java.util.Set<String> names = new java.util.TreeSet<>();
      Pattern.compile("(\\w+)\\??:").matcher(member.group(2)).results().forEach(r -> names.add(r.group(1)));
      fields.put(member.group(1), names);
    }
    return fields;
  }

  private static Map<String, java.util.Set<String>> componentsOf(Class<?> union) {
    Map<String, java.util.Set<String>> fields = new java.util.TreeMap<>();
    for (JsonSubTypes.Type t : union.getAnnotation(JsonSubTypes.class).value()) {
      java.util.Set<String> names = new java.util.TreeSet<>();
      for (RecordComponent c : t.value().getRecordComponents()) names.add(c.getName());
      fields.put(t.name(), names);
    }
    return fields;
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
