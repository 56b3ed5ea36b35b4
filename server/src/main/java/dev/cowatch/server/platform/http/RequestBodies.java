package dev.cowatch.server.platform.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.type.LogicalType;
import dev.cowatch.server.platform.Refusal;
import io.javalin.http.Context;

/** Reads a JSON request body into a record, refusing what is too large, malformed or unexpected. */
public final class RequestBodies {
  /** An identity request is a few short strings; nothing legitimate comes near this. */
  public static final int MAX_BYTES = 16 * 1024;

  /**
   * Stricter than {@link Json#MAPPER}: Jackson turns {@code 42} or {@code true} into a string field's
   * "42"/"true" by default, and an email or password that arrived as a number is a client bug to report.
   */
  private static final ObjectMapper MAPPER = strict(Json.MAPPER.copy());

  private RequestBodies() {}

  private static ObjectMapper strict(ObjectMapper m) {
    var textual = m.coercionConfigFor(LogicalType.Textual);
    for (CoercionInputShape shape : new CoercionInputShape[] {CoercionInputShape.Integer, CoercionInputShape.Float,
        CoercionInputShape.Boolean}) {
      textual.setCoercion(shape, CoercionAction.Fail);
    }
    return m;
  }

  public static <T> T read(Context ctx, Class<T> type) {
    if (ctx.contentLength() > MAX_BYTES) {
      drain(ctx);
      throw tooLarge();
    }
    byte[] body = ctx.bodyAsBytes();
    if (body.length > MAX_BYTES) throw tooLarge();
    if (body.length == 0) throw malformed("a JSON object is required");
    JsonBodies.requireJsonType(ctx);
    String text = JsonBodies.utf8(body);
    T value;
    try {
      value = MAPPER.readerFor(type).with(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .with(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .readValue(text);
    } catch (UnrecognizedPropertyException e) {
      throw new Refusal(400, "unknown-field", "Unknown field", "unknown field '" + e.getPropertyName() + "'");
    } catch (com.fasterxml.jackson.databind.exc.MismatchedInputException e) {
      String field = e.getPath().isEmpty() ? null : e.getPath().get(e.getPath().size() - 1).getFieldName();
      throw malformed(field == null ? "a JSON object is required" : "'" + field + "' has the wrong type");
    } catch (JsonProcessingException e) {
      throw JsonBodies.malformed(e);
    }
    if (value == null) throw malformed("a JSON object is required");
    return value;
  }

  /**
   * Reads a body refused for its size to its end, when it is not much larger, before the refusal goes. Refused on
   * its declared length alone, the connection was closed under the rest of the body, and a client still sending it
   * (the JDK's, whose write then failed) gave up without reading the 413: "header parser received no bytes" for 2 of
   * 400 such requests beside two busy loops, and once in CI (AuthBadInputTest, 2026-11-28). A larger body is not
   * waited for: the connection is closed on it.
   */
  private static void drain(Context ctx) {
    if (ctx.contentLength() > DRAIN_MAX_BYTES) return;
    try {
      ctx.req().getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
    } catch (java.io.IOException | IllegalStateException e) {
      // The client went, or the body was read as text: nothing to wait for.
    }
  }

  /** The largest refused body read to its end (Javalin's own limit on a body it reads whole). */
  static final long DRAIN_MAX_BYTES = 1_000_000;

  private static Refusal tooLarge() {
    return new Refusal(413, "body-too-large", "Request body too large", "at most " + MAX_BYTES + " bytes");
  }

  private static Refusal malformed(String detail) {
    return new Refusal(400, "malformed-body", "Malformed request body", detail);
  }
}
