package dev.cowatch.protocol;

import static dev.cowatch.protocol.SyncFrameJson.MAPPER;
import static dev.cowatch.protocol.SyncFrameJson.count;
import static dev.cowatch.protocol.SyncFrameJson.id;
import static dev.cowatch.protocol.SyncFrameJson.idOrEmpty;
import static dev.cowatch.protocol.SyncFrameJson.num;
import static dev.cowatch.protocol.SyncFrameJson.text;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cowatch.core.room.Intent;
import dev.cowatch.core.room.Role;
import dev.cowatch.core.room.Timeline;
import java.util.Optional;

/**
 * Reads and writes {@link SyncFrame}s with exactly the rules of web/src/p2p/syncFrames.ts (the shared
 * vectors protocol/src/test/resources/p2p/sync-frame-vectors.json run on both): whatever a peer sends
 * is checked here before anything acts on it, so a broken or hostile peer gets its frame dropped,
 * never an exception. Numbers are JSON's (doubles); timeline anchors and intent positions are rounded
 * to whole milliseconds (half up) and versions must be whole, so that core's longs hold them exactly.
 */
public final class SyncFrames {
  /**
   * Chat lines as the server takes them (core ChatText.MAX_LENGTH), counted in characters (code points) as
   * the server counts them: a line of emoji the server takes must not be dropped between peers.
   */
  static final int MAX_CHAT_CHARS = 1_000;
  static final int MAX_NAME_CHARS = 80;

  private SyncFrames() {}

  /** The frame, or empty when the text is not one (too long, not JSON, a field missing or of the wrong kind). */
  public static Optional<SyncFrame> decode(String text) {
    if (text == null || text.length() > SyncFrame.MAX_FRAME_CHARS) return Optional.empty();
    JsonNode o;
    try {
      o = MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      return Optional.empty();
    }
    if (o == null || !o.isObject()) return Optional.empty();
    String t = text(o.get("t"));
    return Optional.ofNullable(t == null ? null : switch (t) {
      case "ping" -> num(o.get("t0")) ? new SyncFrame.Ping(o.get("t0").doubleValue()) : null;
      case "pong" -> num(o.get("t0")) && num(o.get("t1")) && num(o.get("t2"))
          ? new SyncFrame.Pong(o.get("t0").doubleValue(), o.get("t1").doubleValue(), o.get("t2").doubleValue()) : null;
      case "hello" -> hello(o);
      case "intent" -> intent(o);
      case "timeline" -> timeline(o);
      case "refused" -> refused(o);
      case "chat" -> chat(o);
      default -> null;
    });
  }

  private static SyncFrame hello(JsonNode o) {
    Role role = SyncFrameJson.role(o.get("role"));
    Long serverVersion = count(o.get("serverVersion"));
    JsonNode lost = o.get("lost");
    return id(o.get("memberId")) && role != null && serverVersion != null && lost != null && lost.isBoolean()
        ? new SyncFrame.Hello(o.get("memberId").textValue(), role, serverVersion, lost.booleanValue()) : null;
  }

  private static SyncFrame intent(JsonNode o) {
    Intent.Control intent = SyncFrameJson.intent(o.get("intent"));
    return intent != null && id(o.get("ref")) ? new SyncFrame.IntentFrame(intent, o.get("ref").textValue()) : null;
  }

  private static SyncFrame timeline(JsonNode o) {
    Timeline timeline = SyncFrameJson.timeline(o.get("timeline"));
    Long base = count(o.get("base"));
    JsonNode cause = o.get("cause");
    if (timeline == null || base == null || !idOrEmpty(o.get("by")) || cause == null || !cause.isObject()) return null;
    String intent = text(cause.get("intent"));
    return idOrEmpty(cause.get("memberId")) && intent != null
        ? new SyncFrame.TimelineFrame(timeline, base, o.get("by").textValue(), cause.get("memberId").textValue(), intent)
        : null;
  }

  private static SyncFrame refused(JsonNode o) {
    Timeline timeline = SyncFrameJson.timeline(o.get("timeline"));
    String code = text(o.get("code"));
    return timeline != null && id(o.get("ref")) && code != null
        ? new SyncFrame.Refused(o.get("ref").textValue(), code, timeline) : null;
  }

  private static SyncFrame chat(JsonNode o) {
    String name = text(o.get("name"));
    String line = text(o.get("text"));
    boolean ok = id(o.get("lineId")) && id(o.get("memberId")) && name != null && characters(name) <= MAX_NAME_CHARS
        && line != null && !SyncFrameJson.blank(line) && characters(line) <= MAX_CHAT_CHARS && num(o.get("atMs"));
    return ok ? new SyncFrame.Chat(o.get("lineId").textValue(), o.get("memberId").textValue(), name, line,
        o.get("atMs").doubleValue()) : null;
  }

  /** Characters as people count them and the server bounds them: code points, not UTF-16 units. */
  static int characters(String s) {
    return s.codePointCount(0, s.length());
  }

  /**
   * The frame as JSON, with syncFrames.ts's field names. A frame {@link #decode} would not return (a
   * number that is not finite, an id outside the pattern) is written all the same, and peers drop it.
   */
  public static String encode(SyncFrame frame) {
    ObjectNode o = MAPPER.createObjectNode();
    switch (frame) {
      case SyncFrame.Ping p -> o.put("t", "ping").put("t0", p.t0());
      case SyncFrame.Pong p -> o.put("t", "pong").put("t0", p.t0()).put("t1", p.t1()).put("t2", p.t2());
      case SyncFrame.Hello h -> o.put("t", "hello").put("memberId", h.memberId()).put("role", Wire.name(h.role()))
          .put("serverVersion", h.serverVersion()).put("lost", h.lost());
      case SyncFrame.IntentFrame i -> {
        o.put("t", "intent").set("intent", SyncFrameJson.write(i.intent()));
        o.put("ref", i.ref());
      }
      case SyncFrame.TimelineFrame f -> {
        o.put("t", "timeline").set("timeline", SyncFrameJson.write(f.timeline()));
        o.put("base", f.base()).put("by", f.by());
        o.putObject("cause").put("memberId", f.causeMemberId()).put("intent", f.causeIntent());
      }
      case SyncFrame.Refused r -> o.put("t", "refused").put("ref", r.ref()).put("code", r.code())
          .set("timeline", SyncFrameJson.write(r.timeline()));
      case SyncFrame.Chat c -> o.put("t", "chat").put("lineId", c.lineId()).put("memberId", c.memberId())
          .put("name", c.name()).put("text", c.text()).put("atMs", c.atMs());
    }
    try {
      return MAPPER.writeValueAsString(o);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a tree", e);
    }
  }
}
