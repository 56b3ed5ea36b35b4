package dev.cowatch.bench.syncplay;

/**
 * The lines this client sends, as Syncplay 1.6.9's own client writes them (syncplay/protocols.py
 * SyncClientProtocol), and the command a received line carries. Each line is one JSON object with
 * one key, the command: Hello, Set, List, State, Chat, Error, TLS.
 */
final class SyncplayMessages {
  /** The client's version in Hello: "version" is what 1.2.x servers understand, "realversion" the truth. */
  static final String VERSION = "1.2.255";
  static final String REAL_VERSION = "1.6.9";

  private SyncplayMessages() {}

  /** Logs in to {@code room} as {@code username}, with the features a 1.6.9 client announces. */
  static String hello(String username, String room) {
    StringBuilder out = new StringBuilder(256).append("{\"Hello\": {\"username\": ");
    Json.quote(out, username);
    out.append(", \"room\": {\"name\": ");
    Json.quote(out, room);
    return out.append("}, \"version\": \"").append(VERSION).append("\", \"realversion\": \"").append(REAL_VERSION)
        .append("\", \"features\": {\"sharedPlaylists\": true, \"chat\": true, \"uiMode\": \"CLI\", ")
        .append("\"featureList\": true, \"readiness\": true, \"managedRooms\": true}}}")
        .toString();
  }

  /** Asks for the room's user list (the server answers with a List). */
  static String list() {
    return "{\"List\": null}";
  }

  /**
   * A State. {@code play} is left out while the client is waiting for the server to confirm a change
   * of its own; {@code latencyCalculation} (the server's timestamp echoed) is left out when there is
   * none to answer; counts of 0 are left out.
   */
  static String state(Local play, Double latencyCalculation, double clientLatencyCalculation, double clientRtt,
      int ignoringServer, int ignoringClient) {
    StringBuilder out = new StringBuilder(200).append("{\"State\": {");
    if (play != null) {
      out.append("\"playstate\": {\"position\": ");
      Json.number(out, play.position());
      out.append(", \"paused\": ").append(play.paused());
      if (play.doSeek()) out.append(", \"doSeek\": true");
      out.append("}, ");
    }
    out.append("\"ping\": {");
    if (latencyCalculation != null) {
      out.append("\"latencyCalculation\": ");
      Json.number(out, latencyCalculation);
      out.append(", ");
    }
    out.append("\"clientLatencyCalculation\": ");
    Json.number(out, clientLatencyCalculation);
    out.append(", \"clientRtt\": ");
    Json.number(out, clientRtt);
    out.append('}');
    if (ignoringServer != 0 || ignoringClient != 0) {
      out.append(", \"ignoringOnTheFly\": {");
      if (ignoringServer != 0) out.append("\"server\": ").append(ignoringServer);
      if (ignoringServer != 0 && ignoringClient != 0) out.append(", ");
      if (ignoringClient != 0) out.append("\"client\": ").append(ignoringClient);
      out.append('}');
    }
    return out.append("}}").toString();
  }

  /** The playstate a client reports: its player's position and pause, and whether it just jumped. */
  record Local(double position, boolean paused, boolean doSeek) {}

  /**
   * The command of the line {@code bytes[offset, offset + length)}: the first key of its object,
   * found without parsing the rest, so that the many Set lines of a big room cost next to nothing.
   * Null when the line does not start like a JSON object with a key.
   */
  static String command(byte[] bytes, int offset, int length) {
    int end = offset + length;
    int i = skipSpace(bytes, offset, end);
    if (i >= end || bytes[i] != '{') return null;
    i = skipSpace(bytes, i + 1, end);
    if (i >= end || bytes[i] != '"') return null;
    int start = i + 1;
    for (int j = start; j < end; j++) {
      if (bytes[j] == '\\') return null;
      if (bytes[j] == '"') return new String(bytes, start, j - start, java.nio.charset.StandardCharsets.US_ASCII);
    }
    return null;
  }

  private static int skipSpace(byte[] bytes, int i, int end) {
    while (i < end && (bytes[i] == ' ' || bytes[i] == '\t' || bytes[i] == '\r' || bytes[i] == '\n')) i++;
    return i;
  }
}
