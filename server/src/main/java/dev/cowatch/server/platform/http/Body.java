package dev.cowatch.server.platform.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cowatch.server.platform.Refusal;
import io.javalin.http.Context;
import java.util.Iterator;
import java.util.Optional;
import java.util.Set;

/**
 * A request's JSON object, read strictly: size-limited, no unknown fields, each field of the type
 * it should be. Distinguishes a missing field from an explicit null (PATCH needs both).
 */
public final class Body {
  public static final int MAX_BYTES = RequestBodies.MAX_BYTES;

  private final ObjectNode node;

  private Body(ObjectNode node) {
    this.node = node;
  }

  /** An empty body reads as {}. */
  public static Body of(Context ctx, Set<String> allowed) {
    byte[] bytes = ctx.bodyAsBytes();
    if (bytes.length > MAX_BYTES) {
      throw new Refusal(413, "body-too-large", "Request body too large", "at most " + MAX_BYTES + " bytes");
    }
    String text = JsonBodies.utf8(bytes);
    if (text.isBlank()) return new Body(Json.MAPPER.createObjectNode());
    JsonBodies.requireJsonType(ctx);
    JsonNode parsed;
    try {
      parsed = Json.MAPPER.reader().with(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .with(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .readTree(text);
    } catch (JsonProcessingException e) {
      throw JsonBodies.malformed(e);
    }
    if (!(parsed instanceof ObjectNode object)) {
      throw new Refusal(400, "malformed-body", "Malformed request body", "expected a JSON object");
    }
    for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!allowed.contains(name)) {
        throw new Refusal(400, "unknown-field", "Unknown field", "'" + name + "' is not a field here; allowed: "
            + String.join(", ", new java.util.TreeSet<>(allowed)));
      }
    }
    return new Body(object);
  }

  public static Refusal invalid(String field, String message) {
    return new Refusal(422, "invalid-field", "Invalid " + field, message);
  }

  public boolean has(String field) {
    return node.has(field);
  }

  /** Absent or null: empty. Otherwise a string, or a 422. */
  public Optional<String> text(String field) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) return Optional.empty();
    if (!v.isTextual()) throw Body.invalid(field, field + " must be a string");
    return Optional.of(v.asText());
  }

  public String requiredText(String field) {
    return text(field).orElseThrow(() -> Body.invalid(field, field + " is required"));
  }

  public Optional<Boolean> bool(String field) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) return Optional.empty();
    if (!v.isBoolean()) throw Body.invalid(field, field + " must be true or false");
    return Optional.of(v.asBoolean());
  }

  public Optional<Long> integer(String field) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) return Optional.empty();
    if (!v.isIntegralNumber() || !v.canConvertToLong()) throw Body.invalid(field, field + " must be an integer");
    return Optional.of(v.asLong());
  }

  /** An integer that fits an int, or a 422 naming the field. */
  public Optional<Integer> smallInteger(String field) {
    return integer(field).map(v -> {
      if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) throw Body.invalid(field, field + " is out of range");
      return v.intValue();
    });
  }

  /** Absent or null: empty. Otherwise an array of at most {@code max} strings, or a 422. */
  public java.util.List<String> texts(String field, int max) {
    java.util.List<String> out = new java.util.ArrayList<>();
    for (JsonNode item : array(field, max)) {
      if (!item.isTextual()) throw Body.invalid(field, field + " must be an array of strings");
      out.add(item.asText());
    }
    return out;
  }

  /** Absent or null: empty. Otherwise an array of at most {@code max} objects, each read strictly like a body. */
  public java.util.List<Body> objects(String field, Set<String> allowed, int max) {
    java.util.List<Body> out = new java.util.ArrayList<>();
    for (JsonNode item : array(field, max)) {
      if (!(item instanceof ObjectNode object)) throw Body.invalid(field, field + " must be an array of objects");
      for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
        String name = names.next();
        if (!allowed.contains(name)) {
          throw Body.invalid(field, "'" + name + "' is not a field of " + field + "; allowed: "
              + String.join(", ", new java.util.TreeSet<>(allowed)));
        }
      }
      out.add(new Body(object));
    }
    return out;
  }

  private Iterable<JsonNode> array(String field, int max) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) return java.util.List.of();
    if (!v.isArray()) throw Body.invalid(field, field + " must be an array");
    if (v.size() > max) throw Body.invalid(field, field + " may have at most " + max + " items");
    return v;
  }
}
