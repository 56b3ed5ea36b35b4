package dev.cowatch.bench.syncplay;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Just enough JSON for Syncplay's few messages. Reading gives maps, lists, strings, doubles, booleans
 * and null; writing quotes strings and prints numbers the way Python's json.dumps does (plain
 * decimals, never an exponent). Hand-written because the load generator reads one State per member
 * per second and must stay cheap beside the server it measures.
 */
final class Json {
  private final String text;
  private int at;

  private Json(String text) {
    this.text = text;
  }

  /** The value in {@code text}; throws IllegalArgumentException when it is not one JSON value. */
  static Object parse(String text) {
    Json p = new Json(text);
    Object value = p.value();
    p.skipSpace();
    if (p.at != text.length()) throw p.error("text after the value");
    return value;
  }

  /** {@code value} as a map when it is an object, else an empty one (absent fields read as null). */
  @SuppressWarnings("unchecked")
  static Map<String, Object> object(Object value) {
    return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
  }

  static void quote(StringBuilder out, String s) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) out.append(String.format("\\u%04x", (int) c));
          else out.append(c);
        }
      }
    }
    out.append('"');
  }

  /** The shortest decimal that reads back as {@code v}, without an exponent (epoch seconds are ~1.7e9). */
  static void number(StringBuilder out, double v) {
    if (!Double.isFinite(v)) throw new IllegalArgumentException("JSON has no " + v);
    String s = Double.toString(v);
    out.append(s.indexOf('E') < 0 ? s : new BigDecimal(s).toPlainString());
  }

  private Object value() {
    skipSpace();
    if (at >= text.length()) throw error("a value");
    char c = text.charAt(at);
    return switch (c) {
      case '{' -> object();
      case '[' -> array();
      case '"' -> string();
      case 't' -> literal("true", Boolean.TRUE);
      case 'f' -> literal("false", Boolean.FALSE);
      case 'n' -> literal("null", null);
      default -> number();
    };
  }

  private Map<String, Object> object() {
    Map<String, Object> map = new LinkedHashMap<>();
    at++;
    skipSpace();
    if (peek() == '}') {
      at++;
      return map;
    }
    while (true) {
      skipSpace();
      if (peek() != '"') throw error("a field name");
      String key = string();
      skipSpace();
      expect(':');
      map.put(key, value());
      skipSpace();
      if (peek() == ',') {
        at++;
      } else {
        expect('}');
        return map;
      }
    }
  }

  private List<Object> array() {
    List<Object> list = new ArrayList<>();
    at++;
    skipSpace();
    if (peek() == ']') {
      at++;
      return list;
    }
    while (true) {
      list.add(value());
      skipSpace();
      if (peek() == ',') {
        at++;
      } else {
        expect(']');
        return list;
      }
    }
  }

  private String string() {
    at++;
    StringBuilder out = null;
    int start = at;
    while (at < text.length()) {
      char c = text.charAt(at);
      if (c == '"') {
        String s = out == null ? text.substring(start, at) : out.append(text, start, at).toString();
        at++;
        return s;
      }
      if (c != '\\') {
        at++;
        continue;
      }
      if (out == null) out = new StringBuilder();
      out.append(text, start, at);
      if (at + 1 >= text.length()) break;
      char e = text.charAt(at + 1);
      at += 2;
      switch (e) {
        case '"', '\\', '/' -> out.append(e);
        case 'b' -> out.append('\b');
        case 'f' -> out.append('\f');
        case 'n' -> out.append('\n');
        case 'r' -> out.append('\r');
        case 't' -> out.append('\t');
        case 'u' -> {
          if (at + 4 > text.length()) throw error("four hex digits");
          out.append((char) Integer.parseInt(text, at, at + 4, 16));
          at += 4;
        }
        default -> throw error("an escape");
      }
      start = at;
    }
    throw error("the end of a string");
  }

  private Double number() {
    int start = at;
    while (at < text.length() && "+-0123456789.eE".indexOf(text.charAt(at)) >= 0) at++;
    if (start == at) throw error("a value");
    try {
      return Double.valueOf(text.substring(start, at));
    } catch (NumberFormatException e) {
      throw error("a number");
    }
  }

  private Object literal(String word, Object value) {
    if (!text.startsWith(word, at)) throw error(word);
    at += word.length();
    return value;
  }

  private void expect(char c) {
    if (peek() != c) throw error("'" + c + "'");
    at++;
  }

  private char peek() {
    return at < text.length() ? text.charAt(at) : '\0';
  }

  private void skipSpace() {
    while (at < text.length() && Character.isWhitespace(text.charAt(at))) at++;
  }

  private IllegalArgumentException error(String expected) {
    return new IllegalArgumentException("JSON: expected " + expected + " at " + at + " in: " + text);
  }
}
