package dev.cowatch.server.room.redis;

import static dev.cowatch.server.room.redis.JsonReads.numberOrNull;
import static dev.cowatch.server.room.redis.JsonReads.required;
import static dev.cowatch.server.room.redis.JsonReads.textOrNull;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.cowatch.core.room.Connection;
import dev.cowatch.core.room.Corrections;
import dev.cowatch.core.room.Member;
import dev.cowatch.core.room.MemberId;
import dev.cowatch.core.room.Readiness;
import dev.cowatch.core.room.Role;
import dev.cowatch.core.room.UserId;
import java.io.IOException;

/**
 * A member as part of its room's JSON ({@link RoomJson}), and its sync health as the short value kept apart from
 * the room in a cluster ({@link RedisRoomStore}): a steady player's report then rewrites a few bytes, not the room.
 */
final class MemberJson {
  private MemberJson() {}

  /**
   * A member's sync health as one short value: drift, round trip, nudges and seeks, and the sound delay when there
   * is one, space-separated (four figures for most members, as before there were sound delays).
   */
  static String health(Member m) {
    String figures = number(m.driftMs()) + " " + number(m.rttMs()) + " " + m.corrections().nudges() + " "
        + m.corrections().seeks();
    return m.soundDelayMs() == 0 ? figures : figures + " " + m.soundDelayMs();
  }

  private static String number(Double v) {
    return v == null ? "-" : Double.toString(v);
  }

  /** {@code m} with the figures of its health entry ({@link #health}). */
  static Member withHealth(Member m, String figures) {
    String[] f = figures.split(" ");
    if (f.length != 4 && f.length != 5) {
      throw new IllegalStateException("a member's health in Redis is not four or five figures: " + figures);
    }
    return new Member(m.id(), m.userId(), m.displayName(), m.role(), m.connection(), m.readiness(), m.joinedAtMs(),
        m.disconnectedAtMs(), f[0].equals("-") ? null : Double.valueOf(f[0]), f[1].equals("-") ? null : Double.valueOf(f[1]),
        m.client(), new Corrections(Long.parseLong(f[2]), Long.parseLong(f[3])), f.length == 5 ? Integer.parseInt(f[4]) : 0);
  }

  /** {@code m} as the room's JSON without health reads back: no figures, no corrections. */
  static Member withoutHealth(Member m) {
    if (m.driftMs() == null && m.rttMs() == null && m.corrections().equals(Corrections.NONE) && m.soundDelayMs() == 0) {
      return m;
    }
    return new Member(m.id(), m.userId(), m.displayName(), m.role(), m.connection(), m.readiness(), m.joinedAtMs(),
        m.disconnectedAtMs(), null, null, m.client(), Corrections.NONE);
  }

  static void write(JsonGenerator g, Member m, boolean withHealth) throws IOException {
    g.writeStartObject();
    g.writeStringField("id", m.id().value());
    g.writeStringField("userId", m.userId().value());
    g.writeStringField("displayName", m.displayName());
    g.writeStringField("role", m.role().name());
    g.writeStringField("connection", m.connection().name());
    g.writeStringField("readiness", m.readiness().name());
    g.writeNumberField("joinedAtMs", m.joinedAtMs());
    g.writeNumberField("disconnectedAtMs", m.disconnectedAtMs());
    if (m.client() != null) g.writeStringField("client", m.client());
    if (withHealth) {
      if (m.driftMs() != null) g.writeNumberField("driftMs", m.driftMs());
      if (m.rttMs() != null) g.writeNumberField("rttMs", m.rttMs());
      // Most members never correct: their JSON stays as it was.
      if (m.corrections().nudges() > 0) g.writeNumberField("nudges", m.corrections().nudges());
      if (m.corrections().seeks() > 0) g.writeNumberField("seeks", m.corrections().seeks());
      if (m.soundDelayMs() != 0) g.writeNumberField("soundDelayMs", m.soundDelayMs());
    }
    g.writeEndObject();
  }

  static Member read(JsonParser p) throws IOException {
    String id = null;
    String userId = null;
    String displayName = null;
    Role role = null;
    Connection connection = null;
    Readiness readiness = null;
    long joinedAtMs = 0;
    long disconnectedAtMs = 0;
    Double driftMs = null;
    Double rttMs = null;
    String client = null;
    long nudges = 0;
    long seeks = 0;
    int soundDelayMs = 0;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      p.nextToken();
      switch (field) {
        case "id" -> id = p.getText();
        case "userId" -> userId = p.getText();
        case "displayName" -> displayName = p.getText();
        case "role" -> role = Role.valueOf(p.getText());
        case "connection" -> connection = Connection.valueOf(p.getText());
        case "readiness" -> readiness = Readiness.valueOf(p.getText());
        case "joinedAtMs" -> joinedAtMs = p.getLongValue();
        case "disconnectedAtMs" -> disconnectedAtMs = p.getLongValue();
        case "driftMs" -> driftMs = numberOrNull(p);
        case "rttMs" -> rttMs = numberOrNull(p);
        case "client" -> client = textOrNull(p);
        case "nudges" -> nudges = p.getLongValue();
        case "seeks" -> seeks = p.getLongValue();
        case "soundDelayMs" -> soundDelayMs = p.getIntValue();
        default -> p.skipChildren();
      }
    }
    return new Member(new MemberId(required(id, "member id")), new UserId(required(userId, "userId")), displayName, role,
        connection, readiness, joinedAtMs, disconnectedAtMs, driftMs, rttMs, client, new Corrections(nudges, seeks),
        soundDelayMs);
  }

}
