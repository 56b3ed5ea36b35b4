package dev.cowatch.server.room.redis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cowatch.core.room.BufferingPolicy;
import dev.cowatch.core.room.Connection;
import dev.cowatch.core.room.ControlMode;
import dev.cowatch.core.room.Corrections;
import dev.cowatch.core.room.Member;
import dev.cowatch.core.room.MemberId;
import dev.cowatch.core.room.PlaybackState;
import dev.cowatch.core.room.QueueItem;
import dev.cowatch.core.room.Readiness;
import dev.cowatch.core.room.Role;
import dev.cowatch.core.room.Room;
import dev.cowatch.core.room.RoomId;
import dev.cowatch.core.room.RoomSettings;
import dev.cowatch.core.room.Roster;
import dev.cowatch.core.room.RosterEntry;
import dev.cowatch.core.room.Timeline;
import dev.cowatch.core.room.UserId;
import dev.cowatch.core.room.Visibility;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A live room as the JSON kept in Redis. Written out field by field rather than by reflection, so the
 * core's records need no annotations and a renamed field fails {@code RoomJsonTest}, not a running
 * cluster. Every node of a cluster runs the same build, so there is no version to negotiate.
 */
final class RoomJson {
  private static final ObjectMapper JSON = new ObjectMapper();

  private RoomJson() {}

  static String write(Room room) {
    return write(room, true);
  }

  /**
   * {@code withHealth}: false where members' sync health is kept apart ({@link RedisRoomStore}), so the room's JSON
   * never carries figures older than the member's own entry.
   */
  static String write(Room room, boolean withHealth) {
    ObjectNode o = JSON.createObjectNode();
    o.put("id", room.id().value());
    o.set("settings", settings(room.settings()));
    o.set("roster", roster(room.roster()));
    o.set("timeline", timeline(room.timeline()));
    o.put("subtitleTrack", room.subtitleTrack());
    ArrayNode queue = o.putArray("queue");
    for (QueueItem q : room.queue()) queue.addObject().put("id", q.id()).put("mediaId", q.mediaId()).put("title", q.title());
    ArrayNode members = o.putArray("members");
    for (Member m : room.members()) members.add(member(m, withHealth));
    o.put("waitDeadlineMs", room.waitDeadlineMs());
    o.put("revision", room.revision());
    return o.toString();
  }

  static Room read(String json) {
    return read(json, Map.of());
  }

  /** The room, each member's health taken from {@code health} (member id to {@link #health(Member)}) where it has one. */
  static Room read(String json, Map<String, String> health) {
    JsonNode o;
    try {
      o = JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException("a room in Redis is not JSON", e);
    }
    List<QueueItem> queue = new ArrayList<>();
    for (JsonNode q : o.get("queue")) queue.add(new QueueItem(q.get("id").asText(), q.get("mediaId").asText(), text(q, "title")));
    List<Member> members = new ArrayList<>();
    for (JsonNode m : o.get("members")) {
      Member member = member(m);
      String figures = health.get(member.id().value());
      members.add(figures == null ? member : withHealth(member, figures));
    }
    return new Room(new RoomId(o.get("id").asText()), settings(o.get("settings")), roster(o.get("roster")),
        timeline(o.get("timeline")), text(o, "subtitleTrack"), queue, members, o.get("waitDeadlineMs").asLong(),
        o.get("revision").asLong());
  }

  private static ObjectNode settings(RoomSettings s) {
    return JSON.createObjectNode().put("name", s.name()).put("visibility", s.visibility().name())
        .put("passwordProtected", s.passwordProtected()).put("guestsAllowed", s.guestsAllowed())
        .put("controlMode", s.controlMode().name()).put("bufferingPolicy", s.bufferingPolicy().name())
        .put("bufferWaitTimeoutMs", s.bufferWaitTimeoutMs()).put("maxMembers", s.maxMembers());
  }

  private static RoomSettings settings(JsonNode s) {
    return new RoomSettings(text(s, "name"), Visibility.valueOf(s.get("visibility").asText()),
        s.get("passwordProtected").asBoolean(), s.get("guestsAllowed").asBoolean(),
        ControlMode.valueOf(s.get("controlMode").asText()), BufferingPolicy.valueOf(s.get("bufferingPolicy").asText()),
        s.get("bufferWaitTimeoutMs").asLong(), s.get("maxMembers").asInt());
  }

  private static ObjectNode roster(Roster r) {
    ObjectNode o = JSON.createObjectNode();
    ArrayNode entries = o.putArray("entries");
    r.entries().forEach((user, e) -> entries.addObject().put("user", user.value()).put("role", e.role().name())
        .put("displayName", e.displayName()).put("guest", e.guest()).put("sinceMs", e.sinceMs()));
    ArrayNode banned = o.putArray("banned");
    for (UserId u : r.banned()) banned.add(u.value());
    return o;
  }

  private static Roster roster(JsonNode o) {
    Map<UserId, RosterEntry> entries = new LinkedHashMap<>();
    for (JsonNode e : o.get("entries")) {
      entries.put(new UserId(e.get("user").asText()), new RosterEntry(Role.valueOf(e.get("role").asText()),
          e.get("displayName").asText(), e.get("guest").asBoolean(), e.get("sinceMs").asLong()));
    }
    Set<UserId> banned = new LinkedHashSet<>();
    for (JsonNode u : o.get("banned")) banned.add(new UserId(u.asText()));
    return new Roster(entries, banned);
  }

  private static ObjectNode timeline(Timeline t) {
    return JSON.createObjectNode().put("mediaId", t.mediaId()).put("state", t.state().name())
        .put("anchorPositionMs", t.anchorPositionMs()).put("anchorTimeMs", t.anchorTimeMs()).put("rate", t.rate())
        .put("version", t.version());
  }

  private static Timeline timeline(JsonNode t) {
    return new Timeline(text(t, "mediaId"), PlaybackState.valueOf(t.get("state").asText()),
        t.get("anchorPositionMs").asLong(), t.get("anchorTimeMs").asLong(), t.get("rate").asDouble(),
        t.get("version").asLong());
  }

  /** A member's sync health as one short value: drift, round trip, nudges and seeks, space-separated. */
  static String health(Member m) {
    return number(m.driftMs()) + " " + number(m.rttMs()) + " " + m.corrections().nudges() + " " + m.corrections().seeks();
  }

  private static String number(Double v) {
    return v == null ? "-" : Double.toString(v);
  }

  private static Member withHealth(Member m, String figures) {
    String[] f = figures.split(" ");
    if (f.length != 4) throw new IllegalStateException("a member's health in Redis is not four figures: " + figures);
    return new Member(m.id(), m.userId(), m.displayName(), m.role(), m.connection(), m.readiness(), m.joinedAtMs(),
        m.disconnectedAtMs(), f[0].equals("-") ? null : Double.valueOf(f[0]), f[1].equals("-") ? null : Double.valueOf(f[1]),
        m.client(), new Corrections(Long.parseLong(f[2]), Long.parseLong(f[3])));
  }

  private static ObjectNode member(Member m, boolean withHealth) {
    ObjectNode o = JSON.createObjectNode().put("id", m.id().value()).put("userId", m.userId().value())
        .put("displayName", m.displayName()).put("role", m.role().name()).put("connection", m.connection().name())
        .put("readiness", m.readiness().name()).put("joinedAtMs", m.joinedAtMs())
        .put("disconnectedAtMs", m.disconnectedAtMs());
    if (m.client() != null) o.put("client", m.client());
    if (!withHealth) return o;
    if (m.driftMs() != null) o.put("driftMs", m.driftMs());
    if (m.rttMs() != null) o.put("rttMs", m.rttMs());
    // Most members never correct: their JSON stays as it was.
    if (m.corrections().nudges() > 0) o.put("nudges", m.corrections().nudges());
    if (m.corrections().seeks() > 0) o.put("seeks", m.corrections().seeks());
    return o;
  }

  private static Member member(JsonNode o) {
    return new Member(new MemberId(o.get("id").asText()), new UserId(o.get("userId").asText()),
        o.get("displayName").asText(), Role.valueOf(o.get("role").asText()),
        Connection.valueOf(o.get("connection").asText()), Readiness.valueOf(o.get("readiness").asText()),
        o.get("joinedAtMs").asLong(), o.get("disconnectedAtMs").asLong(), number(o, "driftMs"), number(o, "rttMs"),
        text(o, "client"), new Corrections(o.path("nudges").asLong(0), o.path("seeks").asLong(0)));
  }

  private static String text(JsonNode o, String field) {
    JsonNode v = o.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  private static Double number(JsonNode o, String field) {
    JsonNode v = o.get(field);
    return v == null || v.isNull() ? null : v.asDouble();
  }
}
