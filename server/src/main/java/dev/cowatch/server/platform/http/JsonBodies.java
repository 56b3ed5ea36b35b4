package dev.cowatch.server.platform.http;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.cowatch.server.platform.Refusal;
import io.javalin.http.Context;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The checks every JSON request body passes, whichever route reads it, as the WebSocket's codec does:
 * declared as JSON (a form or {@code text/plain} post is refused, 415), UTF-8 (a bad byte is refused, not
 * replaced), and each key once (which of two values would count is anyone's guess). Details say what is
 * wrong in the client's terms, never the parser's.
 */
public final class JsonBodies {
  private JsonBodies() {}

  /** Refuses a non-empty body that is not declared as JSON. */
  public static void requireJsonType(Context ctx) {
    String type = ctx.contentType() == null ? "" : ctx.contentType().toLowerCase(Locale.ROOT);
    String media = type.split(";", 2)[0].strip();
    if (!media.equals("application/json") && !media.endsWith("+json")) {
      throw new Refusal(415, "unsupported-media-type", "Unsupported media type",
          "send the body as JSON with Content-Type: application/json");
    }
  }

  /** The body as text, refusing bytes that are not UTF-8. */
  public static String utf8(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw malformed("the body is not valid UTF-8");
    }
  }

  /** What is wrong with the JSON, where, in words that do not name the parser's classes. */
  public static Refusal malformed(JsonProcessingException e) {
    String message = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
    String what = message.startsWith("Duplicate field") ? "a key appears twice" : "not valid JSON";
    JsonLocation at = e.getLocation();
    return malformed(at == null || at.getLineNr() < 0 ? what
        : what + " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")");
  }

  public static Refusal malformed(String detail) {
    return new Refusal(400, "malformed-body", "Malformed request body", detail);
  }
}
