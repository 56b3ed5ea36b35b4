package dev.cowatch.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.util.stream.Collectors;

/**
 * JSON form of protocol v1. Strict about types (a string is never read as a number, a fraction
 * never as an integer) and lenient about extra fields, so a newer client can talk to an older
 * server. Thread-safe.
 */
public final class JsonCodec {
  public static final int PROTOCOL_VERSION = 1;

  private final ObjectMapper mapper;
  /** Readers and the writer are made once: a mapper's readValue looks the type up on every call. */
  private final com.fasterxml.jackson.databind.ObjectReader clientReader;
  private final com.fasterxml.jackson.databind.ObjectReader serverReader;
  private final com.fasterxml.jackson.databind.ObjectWriter writer;

  public JsonCodec() {
    // Jackson's default keeps its buffers per thread; the server reads every message on a new virtual
    // thread, so each parse allocated and zeroed fresh buffers. A pool shared by all threads keeps them.
    com.fasterxml.jackson.core.JsonFactory factory = com.fasterxml.jackson.core.JsonFactory.builder()
        .recyclerPool(com.fasterxml.jackson.core.util.JsonRecyclerPools.sharedConcurrentDequePool())
        .build();
    JsonMapper m = JsonMapper.builder(factory)
        .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .defaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_NULL))
        .build();
    m.coercionConfigFor(LogicalType.Integer).setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
    m.coercionConfigFor(LogicalType.Textual).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
    m.coercionConfigFor(LogicalType.Textual).setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
    m.coercionConfigFor(LogicalType.Textual).setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
    // "NaN" or "Infinity" as strings would otherwise become doubles.
    m.coercionConfigFor(LogicalType.Float).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
    m.coercionConfigFor(LogicalType.Integer).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
    m.getFactory().enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    m.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(16).build());
    // Errors quote the offending input themselves; Jackson keeping a reference to it per parse is waste.
    m.getFactory().disable(com.fasterxml.jackson.core.StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION.mappedFeature());
    this.mapper = m;
    this.clientReader = m.readerFor(ClientMessage.class);
    this.serverReader = m.readerFor(ServerMessage.class);
    this.writer = m.writer();
  }

  public String encode(ServerMessage message) {
    if (message instanceof ServerMessage.TimelineUpdate t && TimelineJson.canWrite(t)) return TimelineJson.write(t);
    return write(message);
  }

  /** Always through Jackson: what {@link #encode} must match where it writes a message itself. */
  String encodeWithJackson(ServerMessage message) {
    return write(message);
  }

  public String encode(ClientMessage message) {
    return write(message);
  }

  public ClientMessage decodeClient(String json) throws ProtocolException {
    ClientMessage intent = IntentJson.read(json);
    return intent != null ? intent : read(json, clientReader);
  }

  /** Always through Jackson: what {@link #decodeClient} must match where it reads a message itself. */
  ClientMessage decodeClientWithJackson(String json) throws ProtocolException {
    return read(json, clientReader);
  }

  public ServerMessage decodeServer(String json) throws ProtocolException {
    return read(json, serverReader);
  }

  private String write(Object message) {
    try {
      return writer.writeValueAsString(message);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode " + message.getClass().getSimpleName(), e);
    }
  }

  private <T> T read(String json, com.fasterxml.jackson.databind.ObjectReader reader) throws ProtocolException {
    if (!json.stripLeading().startsWith("{")) {
      // Checked first: Jackson would read an array as [typeId, body] and blame an odd "type".
      throw new ProtocolException(WireError.MALFORMED_JSON, "a message must be one JSON object with a 'type'");
    }
    try {
      return reader.readValue(json);
    } catch (InvalidTypeIdException e) {
      String id = e.getTypeId();
      throw new ProtocolException(WireError.UNKNOWN_TYPE,
          id == null ? "a message needs a string 'type'" : "unknown message type '" + id + "'");
    } catch (JsonMappingException e) {
      if (!isFieldProblem(e) && e.getPath().isEmpty()) {
        throw new ProtocolException(WireError.MALFORMED_JSON, "a message must be one JSON object with a 'type'");
      }
      throw new ProtocolException(WireError.INVALID_FIELD, describe(e));
    } catch (JsonProcessingException e) {
      throw new ProtocolException(WireError.MALFORMED_JSON, "not valid JSON: " + e.getOriginalMessage());
    }
  }

  private static boolean isFieldProblem(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof Fields.FieldException) return true;
    }
    return false;
  }

  private static String describe(JsonMappingException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof Fields.FieldException missing) return missing.getMessage();
    }
    String path = e.getPath().stream()
        .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
        .collect(Collectors.joining("."));
    return "field '" + path + "' has the wrong type";
  }
}
