package dev.cowatch.bench.syncplay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {
  @Test
  void parse_readsWhatPythonsJsonDumpsWrites() {
    Object v = Json.parse("{\"a\": [1, -2.5, 1e3, true, false, null], \"s\": \"q\\\"\\\\\\n\\u00e9\", \"o\": {}}");
    assertThat(v).isEqualTo(Map.of("a", java.util.Arrays.asList(1.0, -2.5, 1000.0, true, false, null),
        "s", "q\"\\\né", "o", Map.of()));
  }

  @Test
  void parse_keepsFieldOrder_andReadsEmptyArrays() {
    Map<String, Object> o = Json.object(Json.parse(" {\"z\": 1, \"a\": [], \"m\": 2} "));
    assertThat(o.keySet()).containsExactly("z", "a", "m");
    assertThat(o.get("a")).isEqualTo(List.of());
  }

  @Test
  void parse_rejectsWhatIsNotOneValue() {
    assertThatThrownBy(() -> Json.parse("{\"a\": 1} x")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Json.parse("{\"a\" 1}")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Json.parse("{\"a\": \"open")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Json.parse("")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void object_ofANonObject_isEmpty_soAbsentFieldsReadAsNull() {
    assertThat(Json.object(null)).isEmpty();
    assertThat(Json.object(List.of())).isEmpty();
  }

  @Test
  void number_writesEpochSecondsAsPlainDecimals_thatReadBackExactly() {
    double t = 1795259086.9045675;
    StringBuilder out = new StringBuilder();
    Json.number(out, t);
    assertThat(out).hasToString("1795259086.9045675");
    assertThat((Double) Json.parse(out.toString())).isEqualTo(t);
  }

  @Test
  void number_writesSmallValuesAsJavaDoes_andRefusesWhatJsonCannotHold() {
    StringBuilder out = new StringBuilder();
    Json.number(out, 0);
    out.append(' ');
    Json.number(out, 12.5);
    out.append(' ');
    Json.number(out, 0.00012);
    assertThat(out).hasToString("0.0 12.5 0.00012");
    assertThatThrownBy(() -> Json.number(new StringBuilder(), Double.NaN)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void quote_escapesQuotesBackslashesAndControlCharacters() {
    StringBuilder out = new StringBuilder();
    Json.quote(out, "a\"b\\c\nd\u0001é");
    assertThat(out).hasToString("\"a\\\"b\\\\c\\nd\\u0001é\"");
    assertThat(Json.parse(out.toString())).isEqualTo("a\"b\\c\nd\u0001é");
  }
}
