package dev.cowatch.server.room.ws;

import java.util.List;

/**
 * Which kind of client opened a room socket, for the operator's metrics, read from the upgrade request:
 * the protocol's hello does not say. A browser extension's pages have an extension origin; browsers
 * (the web app) send a Mozilla-compatible User-Agent; client-java (the bridge, bench, tests) sends Java's
 * HttpClient's. Anything else is {@code other}. Never used to decide anything.
 */
final class ClientKinds {
  static final String WEB = "web";
  static final String EXTENSION = "extension";
  static final String JAVA = "java";
  static final String OTHER = "other";
  /** Every kind, so that a gauge exists for each from the start (a series that appears late reads as a gap). */
  static final List<String> ALL = List.of(WEB, EXTENSION, JAVA, OTHER);

  private ClientKinds() {}

  static String of(String userAgent, String origin) {
    if (origin != null && (origin.startsWith("chrome-extension://") || origin.startsWith("moz-extension://"))) {
      return EXTENSION;
    }
    if (userAgent == null) return OTHER;
    if (userAgent.startsWith("Mozilla/")) return WEB;
    if (userAgent.startsWith("Java-http-client")) return JAVA;
    return OTHER;
  }
}
