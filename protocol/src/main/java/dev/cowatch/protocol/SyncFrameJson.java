package dev.cowatch.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cowatch.core.room.Intent;
import dev.cowatch.core.room.PlaybackState;
import dev.cowatch.core.room.Role;
import dev.cowatch.core.room.Timeline;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The parts of {@link SyncFrame}s, read as web/src/p2p/syncFrames.ts reads them (JSON.parse's numbers
 * are doubles, so every number is judged by its double value) and written in the same form. Roles and
 * timelines use protocol v1's names ({@link Wire}).
 */
final class SyncFrameJson {
  private SyncFrameJson() {}

  /**
   * JSON.parse reads any nesting and any number of digits that fit in a frame, and refuses anything
   * after the value; Jackson's defaults (1000 levels, 1000 digits, trailing text ignored) would differ.
   */
  static final JsonMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
          .streamReadConstraints(StreamReadConstraints.builder()
              .maxNestingDepth(SyncFrame.MAX_FRAME_CHARS).maxNumberLength(SyncFrame.MAX_FRAME_CHARS).build())
          .build())
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .defaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_NULL))
      .build();

  private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
  /** Number.MAX_SAFE_INTEGER: past it a JavaScript number no longer counts in ones. */
  private static final double MAX_SAFE = 9_007_199_254_740_991d;
  private static final List<String> STATES = Arrays.stream(PlaybackState.values()).map(Wire::name).toList();

  /** A finite number (JSON's numbers; "NaN" as a string is not one). */
  static boolean num(JsonNode v) {
    return v != null && v.isNumber() && Double.isFinite(v.doubleValue());
  }

  /** A version: a whole number from 0 up to 2^53 - 1, or null. */
  static Long count(JsonNode v) {
    if (!num(v)) return null;
    double d = v.doubleValue();
    return d == Math.rint(d) && d >= 0 && d <= MAX_SAFE ? (long) d : null;
  }

  /** Whole milliseconds: rounded half up as Math.round does in both languages, null past +-(2^53 - 1). */
  static Long ms(JsonNode v) {
    if (!num(v)) return null;
    double d = v.doubleValue();
    return Math.abs(d) <= MAX_SAFE ? Math.round(d) : null;
  }

  static String text(JsonNode v) {
    return v != null && v.isTextual() ? v.textValue() : null;
  }

  static boolean id(JsonNode v) {
    return v != null && v.isTextual() && ID.matcher(v.textValue()).matches();
  }

  /** {@code ""} or an id: who decided a timeline, or who asked for it. */
  static boolean idOrEmpty(JsonNode v) {
    return id(v) || (v != null && v.isTextual() && v.textValue().isEmpty());
  }

  /** Nothing but what JavaScript's String.prototype.trim removes (Unicode spaces, line ends, BOM). */
  static boolean blank(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean space = c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r' || c == '\uFEFF'
          || c == '\u2028' || c == '\u2029' || Character.getType(c) == Character.SPACE_SEPARATOR;
      if (!space) return false;
    }
    return true;
  }

  /** A role by its wire name; {@code host}, an old name of a moderator's rights, is a moderator. */
  static Role role(JsonNode v) {
    String s = text(v);
    if ("host".equals(s)) return Role.MODERATOR;
    for (Role r : Role.values()) {
      if (Wire.name(r).equals(s)) return r;
    }
    return null;
  }

  /**
   * A timeline as core can hold one: a state, anchors in whole ms (the position from 0), a rate of
   * {@link Timeline#MIN_RATE}-{@link Timeline#MAX_RATE}, a version, and a media id if it has one; else null.
   */
  static Timeline timeline(JsonNode v) {
    if (v == null || !v.isObject()) return null;
    String state = text(v.get("state"));
    if (state == null || !STATES.contains(state)) return null;
    Long position = ms(v.get("anchorPositionMs"));
    Long time = ms(v.get("anchorTimeMs"));
    Long version = count(v.get("version"));
    JsonNode rate = v.get("rate");
    if (position == null || position < 0 || time == null || version == null || !num(rate)) return null;
    if (!(rate.doubleValue() >= Timeline.MIN_RATE && rate.doubleValue() <= Timeline.MAX_RATE)) return null;
    JsonNode mediaId = v.get("mediaId");
    if (mediaId != null && !mediaId.isTextual()) return null;
    return Wire.timeline(new ServerMessage.TimelineView(text(mediaId), state, position, time, rate.doubleValue(), version));
  }

  /** {@code mediaId} (left out when there is none), state, anchors, rate and version. */
  static JsonNode write(Timeline t) {
    return MAPPER.valueToTree(Wire.timeline(t));
  }

  /** Play, pause (with or without a position), seek or setRate, with the version its sender saw; else null. */
  static Intent.Control intent(JsonNode v) {
    if (v == null || !v.isObject()) return null;
    Long version = count(v.get("version"));
    String type = text(v.get("type"));
    if (version == null || type == null) return null;
    JsonNode position = v.get("positionMs");
    Long at = ms(position);
    return switch (type) {
      case "play" -> new Intent.Play(version);
      case "pause" -> position == null ? new Intent.Pause(version, null) : at == null ? null : new Intent.Pause(version, at);
      case "seek" -> at == null ? null : new Intent.Seek(version, at);
      case "setRate" -> num(v.get("rate")) ? new Intent.SetRate(version, v.get("rate").doubleValue()) : null;
      default -> null;
    };
  }

  static JsonNode write(Intent.Control intent) {
    ObjectNode o = MAPPER.createObjectNode();
    switch (intent) {
      case Intent.Play p -> o.put("type", "play").put("version", p.baseVersion());
      case Intent.Pause p -> {
        o.put("type", "pause").put("version", p.baseVersion());
        if (p.positionMs() != null) o.put("positionMs", p.positionMs().longValue());
      }
      case Intent.Seek s -> o.put("type", "seek").put("version", s.baseVersion()).put("positionMs", s.positionMs());
      case Intent.SetRate r -> o.put("type", "setRate").put("version", r.baseVersion()).put("rate", r.rate());
      case Intent.SetMedia m -> throw new IllegalArgumentException("peers cannot change the media");
    }
    return o;
  }
}
