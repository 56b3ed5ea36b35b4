package dev.cowatch.server.room.redis;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/** What reading a room's JSON field by field needs at every level: nulls, the next token, fields it cannot do without. */
final class JsonReads {
  private JsonReads() {}

  static String textOrNull(JsonParser p) throws IOException {
    return p.currentToken() == JsonToken.VALUE_NULL ? null : p.getText();
  }

  static Double numberOrNull(JsonParser p) throws IOException {
    return p.currentToken() == JsonToken.VALUE_NULL ? null : p.getDoubleValue();
  }

  static void expect(JsonParser p, JsonToken wanted) throws IOException {
    JsonToken actual = p.nextToken();
    if (actual != wanted) throw new JsonParseException(p, "expected " + wanted + ", found " + actual);
  }

  static <T> T required(T value, String field) {
    if (value == null) throw new IllegalStateException("a room in Redis has no " + field);
    return value;
  }
}
