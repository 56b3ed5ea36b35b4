package dev.cowatch.server.ops.trace;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * An OTLP/HTTP trace receiver on loopback, as a collector is: it decodes each POST to {@code /v1/traces}
 * with the specification's own protobuf messages ({@code opentelemetry-proto}) and keeps the spans, so a
 * test reads what the server's exporter really sent, bytes and all.
 */
final class OtlpReceiver implements AutoCloseable {
  /** A span as received, with its resource's attributes. */
  record Received(Span span, Map<String, String> resource) {
    String name() {
      return span.getName();
    }

    String traceId() {
      return HexFormat.of().formatHex(span.getTraceId().toByteArray());
    }

    String spanId() {
      return HexFormat.of().formatHex(span.getSpanId().toByteArray());
    }

    String parentId() {
      return HexFormat.of().formatHex(span.getParentSpanId().toByteArray());
    }

    Map<String, String> attributes() {
      return OtlpReceiver.attributes(span.getAttributesList());
    }
  }

  private final HttpServer server;
  private final List<Received> spans = new CopyOnWriteArrayList<>();
  private final List<String> contentTypes = new CopyOnWriteArrayList<>();

  OtlpReceiver() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/v1/traces", this::export);
    server.start();
  }

  /** The base URL, as an operator gives it to {@code --otlp-endpoint}. */
  String base() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  List<Received> spans() {
    return List.copyOf(spans);
  }

  List<Received> spans(Predicate<Received> which) {
    return spans.stream().filter(which).toList();
  }

  Optional<Received> first(Predicate<Received> which) {
    return spans.stream().filter(which).findFirst();
  }

  List<String> contentTypes() {
    return List.copyOf(contentTypes);
  }

  private void export(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!exchange.getRequestMethod().equals("POST")) {
        exchange.sendResponseHeaders(405, -1);
        return;
      }
      contentTypes.add(exchange.getRequestHeaders().getFirst("Content-Type"));
      ExportTraceServiceRequest request;
      try (InputStream in = exchange.getRequestBody()) {
        request = ExportTraceServiceRequest.parseFrom(in);
      }
      List<Received> got = new ArrayList<>();
      for (ResourceSpans rs : request.getResourceSpansList()) {
        Map<String, String> resource = resource(rs.getResource());
        for (ScopeSpans ss : rs.getScopeSpansList()) {
          for (Span s : ss.getSpansList()) got.add(new Received(s, resource));
        }
      }
      spans.addAll(got);
      byte[] answer = ExportTraceServiceResponse.getDefaultInstance().toByteArray();
      exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
      exchange.sendResponseHeaders(200, answer.length == 0 ? -1 : answer.length);
      if (answer.length > 0) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(answer);
        }
      }
    }
  }

  private static Map<String, String> resource(Resource r) {
    return attributes(r.getAttributesList());
  }

  static Map<String, String> attributes(List<KeyValue> kvs) {
    return kvs.stream().collect(Collectors.toMap(KeyValue::getKey, kv -> text(kv.getValue()), (a, b) -> b));
  }

  private static String text(AnyValue v) {
    return switch (v.getValueCase()) {
      case STRING_VALUE -> v.getStringValue();
      case INT_VALUE -> Long.toString(v.getIntValue());
      case BOOL_VALUE -> Boolean.toString(v.getBoolValue());
      case DOUBLE_VALUE -> Double.toString(v.getDoubleValue());
      default -> v.toString();
    };
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
