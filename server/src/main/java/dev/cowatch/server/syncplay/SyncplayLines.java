package dev.cowatch.server.syncplay;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Syncplay's wire format: one JSON object per line, each key a command (Hello, Set, List, State, Chat,
 * Error, TLS) with its arguments, as Syncplay 1.6.9 writes them (syncplay/protocols.py). Reads a line
 * into its commands and writes the lines this server sends.
 */
final class SyncplayLines {
  /** The version this server says it speaks: the Syncplay release whose protocol it follows. */
  static final String SERVER_VERSION = "1.6.9";
  /** What a server tells its clients to cut names and lines to (Syncplay's own limits, constants.py). */
  static final int MAX_CHAT_MESSAGE_LENGTH = 150;
  static final int MAX_USERNAME_LENGTH = dev.cowatch.core.room.Member.MAX_NAME_LENGTH;
  static final int MAX_ROOM_NAME_LENGTH = 35;
  static final int MAX_FILENAME_LENGTH = 250;

  private static final ObjectMapper JSON = new ObjectMapper();

  private SyncplayLines() {}

  /** One command of a line and its arguments (a JSON null when it has none, as List). */
  record Command(String name, JsonNode args) {}

  /** A line that is not a JSON object: what to tell the client. */
  static final class BadLine extends Exception {
    private static final long serialVersionUID = 1L;

    BadLine(String message) {
      super(message);
    }
  }

  /** The line's commands in order. */
  static List<Command> read(String line) throws BadLine {
    JsonNode node;
    try {
      node = JSON.readTree(line);
    } catch (JsonProcessingException e) {
      throw new BadLine("not JSON: " + e.getOriginalMessage());
    }
    if (node == null || !node.isObject()) throw new BadLine("a line must be one JSON object");
    List<Command> out = new ArrayList<>();
    for (Map.Entry<String, JsonNode> e : node.properties()) out.add(new Command(e.getKey(), e.getValue()));
    return out;
  }

  /** A State's arguments; fields of the wrong type read as missing. */
  static StateExchange.Incoming state(JsonNode args) {
    JsonNode play = args.path("playstate");
    JsonNode ping = args.path("ping");
    JsonNode ignoring = args.path("ignoringOnTheFly");
    return new StateExchange.Incoming(number(play, "position"), bool(play, "paused"), bool(play, "doSeek"),
        play.isObject(), number(ping, "latencyCalculation"), number(ping, "clientLatencyCalculation"),
        number(ping, "clientRtt"), integer(ignoring, "server"), integer(ignoring, "client"));
  }

  static Double number(JsonNode node, String field) {
    JsonNode v = node.path(field);
    return v.isNumber() && Double.isFinite(v.asDouble()) ? v.asDouble() : null;
  }

  static Boolean bool(JsonNode node, String field) {
    JsonNode v = node.path(field);
    return v.isBoolean() ? v.asBoolean() : null;
  }

  static Integer integer(JsonNode node, String field) {
    JsonNode v = node.path(field);
    return v.canConvertToInt() && v.isIntegralNumber() ? v.asInt() : null;
  }

  static String text(JsonNode node, String field) {
    JsonNode v = node.path(field);
    return v.isTextual() ? v.asText() : null;
  }

  /** The answer to Hello: the name and room as the server took them, and what it supports. */
  static String hello(String username, String room, String clientVersion, String motd) {
    ObjectNode hello = JSON.createObjectNode();
    hello.put("username", username);
    hello.putObject("room").put("name", room);
    hello.put("version", clientVersion);
    hello.put("realversion", SERVER_VERSION);
    hello.put("motd", motd);
    ObjectNode f = hello.putObject("features");
    f.put("isolateRooms", true);
    f.put("readiness", true);
    f.put("managedRooms", false);
    f.put("chat", true);
    f.put("maxChatMessageLength", MAX_CHAT_MESSAGE_LENGTH);
    f.put("maxUsernameLength", MAX_USERNAME_LENGTH);
    f.put("maxRoomNameLength", MAX_ROOM_NAME_LENGTH);
    f.put("maxFilenameLength", MAX_FILENAME_LENGTH);
    return wrap("Hello", hello);
  }

  static String state(StateExchange.Outgoing s) {
    ObjectNode state = JSON.createObjectNode();
    ObjectNode ping = state.putObject("ping");
    ping.put("latencyCalculation", s.latencyCalculation());
    ping.put("serverRtt", s.serverRtt());
    if (s.clientLatencyCalculation() != null) ping.put("clientLatencyCalculation", s.clientLatencyCalculation());
    ObjectNode play = state.putObject("playstate");
    play.put("position", s.position());
    play.put("paused", s.paused());
    play.put("doSeek", s.doSeek());
    if (s.setBy() == null) play.putNull("setBy");
    else play.put("setBy", s.setBy());
    if (s.ignoringServer() != null || s.ignoringClient() != null) {
      ObjectNode ignoring = state.putObject("ignoringOnTheFly");
      if (s.ignoringServer() != null) ignoring.put("server", s.ignoringServer());
      if (s.ignoringClient() != null) ignoring.put("client", s.ignoringClient());
    }
    return wrap("State", state);
  }

  /** Syncplay's server answers a TLS request it cannot take with "false"; the client then says Hello in clear. */
  static String tlsRefused() {
    ObjectNode tls = JSON.createObjectNode();
    tls.put("startTLS", "false");
    return wrap("TLS", tls);
  }

  static String chat(String username, String message) {
    ObjectNode chat = JSON.createObjectNode();
    chat.put("username", username);
    chat.put("message", message);
    return wrap("Chat", chat);
  }

  /** An error: Syncplay's client shows it and disconnects, so it is only sent before a connection ends. */
  static String error(String message) {
    ObjectNode error = JSON.createObjectNode();
    error.put("message", message);
    return wrap("Error", error);
  }

  static String ready(String username, boolean isReady, boolean manuallyInitiated) {
    ObjectNode ready = JSON.createObjectNode();
    ready.put("username", username);
    ready.put("isReady", isReady);
    ready.put("manuallyInitiated", manuallyInitiated);
    return set("ready", ready);
  }

  /** The room the client is in (Syncplay's client takes it as its room). */
  static String room(String name) {
    ObjectNode room = JSON.createObjectNode();
    room.put("name", name);
    return set("room", room);
  }

  /** Someone joined ({@code joined}) or left the room. */
  static String userEvent(String username, String room, boolean joined) {
    ObjectNode user = JSON.createObjectNode();
    ObjectNode entry = user.putObject(username);
    entry.putObject("room").put("name", room);
    ObjectNode event = entry.putObject("event");
    event.put(joined ? "joined" : "left", true);
    return set("user", user);
  }

  /**
   * The room's shared playlist, empty (Cowatch rooms have a queue of their own, not Syncplay's playlist),
   * and its index, none: what Syncplay's server sends a joiner. A 1.6.9 client with shared playlists on
   * (its default) opens the file it was started with only once it has seen the room's first index.
   */
  static List<String> emptyPlaylist() {
    ObjectNode change = JSON.createObjectNode();
    change.putNull("user");
    change.putArray("files");
    ObjectNode index = JSON.createObjectNode();
    index.putNull("user");
    index.putNull("index");
    return List.of(set("playlistChange", change), set("playlistIndex", index));
  }

  /** A member of the room as Syncplay's List shows it. */
  record ListedUser(String name, Boolean ready, String fileName, Double durationSeconds) {}

  static String list(String room, List<ListedUser> users) {
    ObjectNode rooms = JSON.createObjectNode();
    ObjectNode members = rooms.putObject(room);
    for (ListedUser u : users) {
      ObjectNode m = members.putObject(u.name());
      m.put("position", 0);
      ObjectNode file = m.putObject("file");
      if (u.fileName() != null) {
        file.put("name", u.fileName());
        file.put("duration", u.durationSeconds() == null ? 0.0 : u.durationSeconds());
        file.put("size", 0);
      }
      m.put("controller", false);
      if (u.ready() == null) m.putNull("isReady");
      else m.put("isReady", u.ready());
      m.putObject("features");
    }
    return wrap("List", rooms);
  }

  private static String set(String what, ObjectNode value) {
    ObjectNode set = JSON.createObjectNode();
    set.set(what, value);
    return wrap("Set", set);
  }

  private static String wrap(String command, ObjectNode args) {
    ObjectNode line = JSON.createObjectNode();
    line.set(command, args);
    try {
      return JSON.writeValueAsString(line);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a tree of strings and numbers always writes", e);
    }
  }
}
