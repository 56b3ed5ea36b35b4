package dev.cowatch.server.room.redis;

import static dev.cowatch.server.room.redis.JsonReads.expect;
import static dev.cowatch.server.room.redis.JsonReads.required;
import static dev.cowatch.server.room.redis.JsonReads.textOrNull;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.cowatch.core.room.BufferingPolicy;
import dev.cowatch.core.room.ControlMode;
import dev.cowatch.core.room.Member;
import dev.cowatch.core.room.Playback;
import dev.cowatch.core.room.PlaybackState;
import dev.cowatch.core.room.QueueItem;
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
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A live room as the JSON kept in Redis. Written and read field by field with Jackson's streaming API rather than
 * by reflection or a tree, so the core's records need no annotations, a renamed field fails {@code RoomJsonTest}, not
 * a running cluster, and a room of hundreds costs a decision a fraction of a millisecond each way (its tree took about
 * half a millisecond to read on a busy machine, on every decision). Every node of a cluster runs the same build, so
 * there is no version to negotiate; fields are still read by name, in any order.
 */
final class RoomJson {
  private static final JsonFactory JSON = new JsonFactory();

  private RoomJson() {}

  static String write(Room room) {
    return write(room, true);
  }

  /**
   * {@code withHealth}: false where members' sync health is kept apart ({@link RedisRoomStore}), so the room's JSON
   * never carries figures older than the member's own entry.
   */
  static String write(Room room, boolean withHealth) {
    StringWriter out = new StringWriter(256 + 200 * room.members().size() + 100 * room.roster().entries().size());
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("id", room.id().value());
      g.writeFieldName("settings");
      settings(g, room.settings());
      g.writeFieldName("roster");
      roster(g, room.roster());
      playbackFields(g, room.playback());
      g.writeArrayFieldStart("queue");
      for (QueueItem q : room.queue()) {
        g.writeStartObject();
        g.writeStringField("id", q.id());
        g.writeStringField("mediaId", q.mediaId());
        g.writeStringField("title", q.title());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeArrayFieldStart("members");
      for (Member m : room.members()) MemberJson.write(g, m, withHealth);
      g.writeEndArray();
      g.writeNumberField("revision", room.revision());
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("a room could not be written as JSON", e);
    }
    return out.toString();
  }

  static Room read(String json) {
    return read(json, Map.of());
  }

  /** The room, each member's health taken from {@code health} (member id to {@link MemberJson#health}) where it has one. */
  static Room read(String json, Map<String, String> health) {
    try (JsonParser p = JSON.createParser(json)) {
      expect(p, JsonToken.START_OBJECT);
      String id = null;
      RoomSettings settings = null;
      Roster roster = null;
      PlaybackFields playback = new PlaybackFields();
      List<QueueItem> queue = new ArrayList<>();
      List<Member> members = new ArrayList<>();
      long revision = 0;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        p.nextToken();
        if (playback.read(field, p)) continue;
        switch (field) {
          case "id" -> id = p.getText();
          case "settings" -> settings = settings(p);
          case "roster" -> roster = roster(p);
          case "queue" -> {
            while (p.nextToken() == JsonToken.START_OBJECT) queue.add(queueItem(p));
          }
          case "members" -> {
            while (p.nextToken() == JsonToken.START_OBJECT) {
              Member member = MemberJson.read(p);
              String figures = health.get(member.id().value());
              members.add(figures == null ? member : MemberJson.withHealth(member, figures));
            }
          }
          case "revision" -> revision = p.getLongValue();
          default -> p.skipChildren();
        }
      }
      return new Room(new RoomId(required(id, "id")), required(settings, "settings"), required(roster, "roster"),
          playback.playback(), queue, members, revision);
    } catch (IOException e) {
      throw new UncheckedIOException("a room in Redis could not be read: " + e.getMessage(), e);
    }
  }

  /**
   * The room's {@link Playback} (what a play, pause or seek changes), written alone when nothing else changed: a room
   * of 300 is some 57 KB of JSON, its playback a hundred bytes. The same fields as in the room's own JSON, so the one
   * can be laid over the other.
   */
  static String writePlayback(Room room) {
    StringWriter out = new StringWriter(160);
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      playbackFields(g, room.playback());
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("a room's playback could not be written as JSON", e);
    }
    return out.toString();
  }

  /** {@code room} with the playback of {@link #writePlayback}'s {@code json} and {@code revision}; the rest as it is. */
  static Room withPlayback(Room room, String json, long revision) {
    try (JsonParser p = JSON.createParser(json)) {
      expect(p, JsonToken.START_OBJECT);
      PlaybackFields playback = new PlaybackFields();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        p.nextToken();
        if (!playback.read(field, p)) p.skipChildren();
      }
      return room.withPlayback(playback.playback()).withRevision(revision);
    } catch (IOException e) {
      throw new UncheckedIOException("a room's playback in Redis could not be read: " + e.getMessage(), e);
    }
  }

  /** Every part of {@link Playback}, as fields of the object being written (RoomPartsTest names the parts). */
  private static void playbackFields(JsonGenerator g, Playback playback) throws IOException {
    g.writeFieldName("timeline");
    timeline(g, playback.timeline());
    g.writeStringField("subtitleTrack", playback.subtitleTrack());
    g.writeNumberField("waitDeadlineMs", playback.waitDeadlineMs());
  }

  /** {@link #playbackFields} read back, field by field, from whichever object they are in. */
  private static final class PlaybackFields {
    private Timeline timeline;
    private String subtitleTrack;
    private long waitDeadlineMs;

    /** Reads {@code field}'s value if it is one of the playback's; false, reading nothing, if not. */
    boolean read(String field, JsonParser p) throws IOException {
      switch (field) {
        case "timeline" -> timeline = timeline(p);
        case "subtitleTrack" -> subtitleTrack = textOrNull(p);
        case "waitDeadlineMs" -> waitDeadlineMs = p.getLongValue();
        default -> {
          return false;
        }
      }
      return true;
    }

    Playback playback() {
      return new Playback(required(timeline, "timeline"), subtitleTrack, waitDeadlineMs);
    }
  }

  private static void settings(JsonGenerator g, RoomSettings s) throws IOException {
    g.writeStartObject();
    g.writeStringField("name", s.name());
    g.writeStringField("visibility", s.visibility().name());
    g.writeBooleanField("passwordProtected", s.passwordProtected());
    g.writeBooleanField("guestsAllowed", s.guestsAllowed());
    g.writeStringField("controlMode", s.controlMode().name());
    g.writeStringField("bufferingPolicy", s.bufferingPolicy().name());
    g.writeNumberField("bufferWaitTimeoutMs", s.bufferWaitTimeoutMs());
    g.writeNumberField("maxMembers", s.maxMembers());
    g.writeEndObject();
  }

  private static RoomSettings settings(JsonParser p) throws IOException {
    String name = null;
    Visibility visibility = null;
    boolean passwordProtected = false;
    boolean guestsAllowed = false;
    ControlMode controlMode = null;
    BufferingPolicy bufferingPolicy = null;
    long bufferWaitTimeoutMs = 0;
    int maxMembers = 0;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      p.nextToken();
      switch (field) {
        case "name" -> name = textOrNull(p);
        case "visibility" -> visibility = Visibility.valueOf(p.getText());
        case "passwordProtected" -> passwordProtected = p.getBooleanValue();
        case "guestsAllowed" -> guestsAllowed = p.getBooleanValue();
        case "controlMode" -> controlMode = ControlMode.valueOf(p.getText());
        case "bufferingPolicy" -> bufferingPolicy = BufferingPolicy.valueOf(p.getText());
        case "bufferWaitTimeoutMs" -> bufferWaitTimeoutMs = p.getLongValue();
        case "maxMembers" -> maxMembers = p.getIntValue();
        default -> p.skipChildren();
      }
    }
    return new RoomSettings(name, visibility, passwordProtected, guestsAllowed, controlMode, bufferingPolicy,
        bufferWaitTimeoutMs, maxMembers);
  }

  private static void roster(JsonGenerator g, Roster r) throws IOException {
    g.writeStartObject();
    g.writeArrayFieldStart("entries");
    for (Map.Entry<UserId, RosterEntry> e : r.entries().entrySet()) {
      g.writeStartObject();
      g.writeStringField("user", e.getKey().value());
      g.writeStringField("role", e.getValue().role().name());
      g.writeStringField("displayName", e.getValue().displayName());
      g.writeBooleanField("guest", e.getValue().guest());
      g.writeNumberField("sinceMs", e.getValue().sinceMs());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeArrayFieldStart("banned");
    for (UserId u : r.banned()) g.writeString(u.value());
    g.writeEndArray();
    g.writeEndObject();
  }

  private static Roster roster(JsonParser p) throws IOException {
    Map<UserId, RosterEntry> entries = new LinkedHashMap<>();
    Set<UserId> banned = new LinkedHashSet<>();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      p.nextToken();
      switch (field) {
        case "entries" -> {
          while (p.nextToken() == JsonToken.START_OBJECT) rosterEntry(p, entries);
        }
        case "banned" -> {
          while (p.nextToken() == JsonToken.VALUE_STRING) banned.add(new UserId(p.getText()));
        }
        default -> p.skipChildren();
      }
    }
    return new Roster(entries, banned);
  }

  private static void rosterEntry(JsonParser p, Map<UserId, RosterEntry> into) throws IOException {
    String user = null;
    Role role = null;
    String displayName = null;
    boolean guest = false;
    long sinceMs = 0;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      p.nextToken();
      switch (field) {
        case "user" -> user = p.getText();
        case "role" -> role = Role.valueOf(p.getText());
        case "displayName" -> displayName = p.getText();
        case "guest" -> guest = p.getBooleanValue();
        case "sinceMs" -> sinceMs = p.getLongValue();
        default -> p.skipChildren();
      }
    }
    into.put(new UserId(required(user, "user")), new RosterEntry(role, displayName, guest, sinceMs));
  }

  private static void timeline(JsonGenerator g, Timeline t) throws IOException {
    g.writeStartObject();
    g.writeStringField("mediaId", t.mediaId());
    g.writeStringField("state", t.state().name());
    g.writeNumberField("anchorPositionMs", t.anchorPositionMs());
    g.writeNumberField("anchorTimeMs", t.anchorTimeMs());
    g.writeNumberField("rate", t.rate());
    g.writeNumberField("version", t.version());
    g.writeEndObject();
  }

  private static Timeline timeline(JsonParser p) throws IOException {
    String mediaId = null;
    PlaybackState state = null;
    long anchorPositionMs = 0;
    long anchorTimeMs = 0;
    double rate = 0;
    long version = 0;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      p.nextToken();
      switch (field) {
        case "mediaId" -> mediaId = textOrNull(p);
        case "state" -> state = PlaybackState.valueOf(p.getText());
        case "anchorPositionMs" -> anchorPositionMs = p.getLongValue();
        case "anchorTimeMs" -> anchorTimeMs = p.getLongValue();
        case "rate" -> rate = p.getDoubleValue();
        case "version" -> version = p.getLongValue();
        default -> p.skipChildren();
      }
    }
    return new Timeline(mediaId, state, anchorPositionMs, anchorTimeMs, rate, version);
  }

  private static QueueItem queueItem(JsonParser p) throws IOException {
    String id = null;
    String mediaId = null;
    String title = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      p.nextToken();
      switch (field) {
        case "id" -> id = p.getText();
        case "mediaId" -> mediaId = p.getText();
        case "title" -> title = textOrNull(p);
        default -> p.skipChildren();
      }
    }
    return new QueueItem(id, mediaId, title);
  }

}
