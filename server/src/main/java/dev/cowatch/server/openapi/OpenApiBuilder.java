package dev.cowatch.server.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the OpenAPI document is written with: the document's skeleton (info, security, schemas,
 * paths) and small builders for operations and schemas, so each route reads as one line-group.
 */
abstract class OpenApiBuilder {
  static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final Pattern PATH_PARAM = Pattern.compile("\\{(\\w+)}");
  static final String PROBLEMS = "https://cowatch.dev/problems/";

  final ObjectNode doc = F.objectNode();
  final ObjectNode paths = doc.putObject("paths");
  final ObjectNode schemas;

  OpenApiBuilder() {
    doc.put("openapi", "3.1.0");
    doc.putObject("info").put("title", "Cowatch API").put("version", "1")
        .put("description", "Watch together. REST under /api (JSON; errors are RFC 9457 problem+json), rooms over "
            + "WebSocket at /ws/rooms/{roomId}. Times are epoch milliseconds; bodies are at most 16 KiB.");
    ObjectNode components = doc.putObject("components");
    components.putObject("securitySchemes").putObject("bearer")
        .put("type", "http").put("scheme", "bearer").put("bearerFormat", "JWT")
        .put("description", "Access token from a Session (15 minutes).");
    schemas = components.putObject("schemas");
  }

  /** One operation; path parameters come from the path, and every operation has a default problem. */
  final class Op {
    private final ObjectNode opNode = F.objectNode();

    Op(String method, String path, String summary) {
      String verb = method.toLowerCase(java.util.Locale.ROOT);
      (paths.has(path) ? (ObjectNode) paths.get(path) : paths.putObject(path)).set(verb, opNode);
      opNode.put("summary", summary);
      opNode.put("operationId", verb + operationName(path));
      Matcher m = PATH_PARAM.matcher(path);
      ArrayNode params = F.arrayNode();
      while (m.find()) {
        params.addObject().put("name", m.group(1)).put("in", "path").put("required", true).set("schema", str());
      }
      if (!params.isEmpty()) opNode.set("parameters", params);
      opNode.putObject("responses").putObject("default").put("description", "Error")
          .putObject("content").putObject("application/problem+json").set("schema", ref("Problem"));
      // Any request may meet the per-address connection limit (RefusedConnections) before its route.
      problem(429);
    }

    Op auth() {
      opNode.putArray("security").addObject().putArray("bearer");
      return problem(401);
    }

    /** Works without a token; with one the answer is about the caller. */
    Op optionalAuth() {
      ArrayNode security = opNode.putArray("security");
      security.addObject();
      security.addObject().putArray("bearer");
      return this;
    }

    Op body(JsonNode schema) {
      opNode.putObject("requestBody").put("required", true).putObject("content").putObject("application/json")
          .set("schema", schema);
      return problem(400, "malformed-body").problem(413, "body-too-large").problem(422);
    }

    /** A request body that is a file in one of {@code mediaTypes}, not JSON. */
    Op rawBody(String description, String... mediaTypes) {
      ObjectNode content = opNode.putObject("requestBody").put("required", true).put("description", description)
          .putObject("content");
      for (String type : mediaTypes) content.putObject(type).putObject("schema").put("type", "string");
      return this;
    }

    /** A text response (not JSON) of {@code mediaType}. */
    Op okText(int status, String mediaType) {
      ((ObjectNode) opNode.get("responses")).putObject(Integer.toString(status)).put("description", "OK")
          .putObject("content").putObject(mediaType).putObject("schema").put("type", "string");
      return this;
    }

    Op query(String name, ObjectNode schema, String description) {
      ArrayNode params = opNode.has("parameters") ? (ArrayNode) opNode.get("parameters") : opNode.putArray("parameters");
      params.addObject().put("name", name).put("in", "query").put("required", false).put("description", description)
          .set("schema", schema);
      return this;
    }

    /** A required request header. */
    Op header(String name, String description) {
      ArrayNode params = opNode.has("parameters") ? (ArrayNode) opNode.get("parameters") : opNode.putArray("parameters");
      params.addObject().put("name", name).put("in", "header").put("required", true).put("description", description)
          .set("schema", str());
      return this;
    }

    /** A request body of raw bytes. */
    Op rawBody(String contentType) {
      opNode.putObject("requestBody").put("required", true).putObject("content").putObject(contentType)
          .set("schema", str().put("format", "binary"));
      return this;
    }

    /** A response without a body that answers in these headers. */
    Op responseHeaders(int status, String... names) {
      ObjectNode response = ((ObjectNode) opNode.get("responses")).putObject(Integer.toString(status))
          .put("description", "OK");
      ObjectNode headers = response.putObject("headers");
      for (String name : names) headers.putObject(name).set("schema", str());
      return this;
    }

    Op ok(int status, JsonNode schema) {
      ((ObjectNode) opNode.get("responses")).putObject(Integer.toString(status)).put("description", "OK")
          .putObject("content").putObject("application/json").set("schema", schema);
      return this;
    }

    Op noContent() {
      return status(204, "Done");
    }

    Op accepted() {
      return status(202, "Accepted");
    }

    /** A response without a body. */
    Op status(int status, String description) {
      ((ObjectNode) opNode.get("responses")).putObject(Integer.toString(status)).put("description", description);
      return this;
    }

    Op extension(String name, boolean value) {
      opNode.put(name, value);
      return this;
    }

    /**
     * An error response; {@code types} pins the problem types the contract names for it. A 429 also
     * names too-many-connections, which every route can answer, and says Retry-After.
     */
    Op problem(int status, String... types) {
      if (status == 429) {
        java.util.LinkedHashSet<String> all = new java.util.LinkedHashSet<>(java.util.List.of(types));
        all.add("too-many-connections");
        types = all.toArray(String[]::new);
      }
      ObjectNode responses = (ObjectNode) opNode.get("responses");
      ObjectNode schema;
      if (types.length == 0) {
        schema = ref("Problem");
      } else {
        ArrayNode uris = F.arrayNode();
        for (String t : types) uris.add(PROBLEMS + t);
        ObjectNode pinned = F.objectNode();
        pinned.putObject("properties").putObject("type").set("enum", uris);
        schema = allOf(ref("Problem"), pinned);
      }
      ObjectNode response = responses.putObject(Integer.toString(status));
      response.put("description", types.length == 0 ? "Problem" : String.join(", ", types));
      if (status == 429) {
        response.putObject("headers").putObject("Retry-After").put("description", "Seconds to wait")
            .set("schema", integer());
      }
      response.putObject("content").putObject("application/problem+json").set("schema", schema);
      return this;
    }
  }

  Op op(String method, String path, String summary) {
    return new Op(method, path, summary);
  }

  static String operationName(String path) {
    StringBuilder s = new StringBuilder();
    for (String part : path.replaceFirst("^/api/", "").split("[/.{}-]+")) {
      if (!part.isEmpty()) s.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
    }
    return s.toString();
  }

  void schema(String name, Obj schema) {
    schemas.set(name, schema.node);
  }

  void schema(String name, ObjectNode schema) {
    schemas.set(name, schema);
  }

  /** An object schema; {@code req} fields are required. */
  static final class Obj {
    final ObjectNode node = F.objectNode().put("type", "object");
    private final ObjectNode properties = node.putObject("properties");

    Obj req(String name, JsonNode schema) {
      properties.set(name, schema);
      (node.has("required") ? (ArrayNode) node.get("required") : node.putArray("required")).add(name);
      return this;
    }

    Obj opt(String name, JsonNode schema) {
      properties.set(name, schema);
      return this;
    }

    Obj describe(String description) {
      node.put("description", description);
      return this;
    }
  }

  static Obj object() {
    return new Obj();
  }

  static ObjectNode str() {
    return F.objectNode().put("type", "string");
  }

  static ObjectNode integer() {
    return F.objectNode().put("type", "integer").put("format", "int32");
  }

  static ObjectNode int64() {
    return F.objectNode().put("type", "integer").put("format", "int64");
  }

  static ObjectNode number() {
    return F.objectNode().put("type", "number");
  }

  static ObjectNode bool() {
    return F.objectNode().put("type", "boolean");
  }

  static ObjectNode password() {
    return str().put("minLength", 10).put("maxLength", 200);
  }

  static ObjectNode displayName() {
    return str().put("minLength", 1).put("maxLength", 40);
  }

  static ObjectNode ref(String schema) {
    return F.objectNode().put("$ref", "#/components/schemas/" + schema);
  }

  static ObjectNode arrayOf(JsonNode items) {
    ObjectNode n = F.objectNode().put("type", "array");
    n.set("items", items);
    return n;
  }

  static ObjectNode enumOf(String... values) {
    ObjectNode n = F.objectNode().put("type", "string");
    ArrayNode e = n.putArray("enum");
    for (String v : values) e.add(v);
    return n;
  }

  static ObjectNode allOf(JsonNode... parts) {
    ObjectNode n = F.objectNode();
    ArrayNode all = n.putArray("allOf");
    for (JsonNode p : parts) all.add(p);
    return n;
  }

  /** OpenAPI 3.1 (JSON Schema 2020-12) spells nullable as a second type, or oneOf with null for a $ref. */
  static ObjectNode nullable(ObjectNode schema) {
    if (schema.has("$ref") || schema.has("enum")) {
      ObjectNode n = F.objectNode();
      n.putArray("oneOf").add(schema).addObject().put("type", "null");
      return n;
    }
    ObjectNode n = schema.deepCopy();
    n.putArray("type").add(schema.get("type").asText()).add("null");
    return n;
  }
}
