package dev.cowatch.server.room.ws;

import dev.cowatch.core.room.Decision;
import dev.cowatch.core.room.ErrorCode;
import dev.cowatch.core.room.Intent;
import dev.cowatch.core.room.MemberId;
import dev.cowatch.core.room.RoomId;
import dev.cowatch.core.room.UserId;
import dev.cowatch.protocol.ClientMessage;
import dev.cowatch.protocol.Wire;
import dev.cowatch.protocol.WireError;
import dev.cowatch.server.platform.Refusal;
import dev.cowatch.server.platform.trace.Span;
import dev.cowatch.server.platform.trace.Tracing;
import dev.cowatch.server.room.RoomService;
import dev.cowatch.server.room.media.MediaPlacement;
import dev.cowatch.server.room.media.SubtitleTracks;
import dev.cowatch.server.room.metrics.RoomMetrics;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A joined member's intents on one connection: the room decides each, a refusal is answered to the
 * sender (with the room's timeline when the sender's view of it is wrong), and the metrics learn how it
 * ended and how long the room took.
 */
final class MemberIntents {
  private static final Logger log = LoggerFactory.getLogger(MemberIntents.class);

  private final RoomService rooms;
  private final RoomId roomId;
  private final SubtitleTracks subtitles;
  private final MediaPlacement media;
  private final SocketOutput output;
  private final RoomMetrics metrics;
  private final Tracing tracing;
  /** The room is gone: the connection says so and ends. */
  private final Runnable roomGone;

  MemberIntents(RoomService rooms, RoomId roomId, SubtitleTracks subtitles, MediaPlacement media, SocketOutput output,
      RoomMetrics metrics, Tracing tracing, Runnable roomGone) {
    this.media = media;
    this.tracing = tracing;
    this.rooms = rooms;
    this.roomId = roomId;
    this.subtitles = subtitles;
    this.output = output;
    this.metrics = metrics;
    this.roomGone = roomGone;
  }

  /** Whether the room took it. */
  boolean apply(MemberId member, Intent intent, String ref) {
    return accepted(member, intent, ref).isPresent();
  }

  /** {@link #apply}, with the room's decision when it took the intent. */
  Optional<Decision> accepted(MemberId member, Intent intent, String ref) {
    return decide(member, intent, ref).filter(d -> !d.isRejected());
  }

  /**
   * Applies an intent and tells the metrics how it ended and how long the room took; traced, it is the
   * root span ({@code intent <kind>}: received) of the room's steps below it.
   */
  boolean measuredApply(MemberId member, ClientMessage message, Intent intent, String ref) {
    String kind = IntentKinds.of(message);
    try (Span received = tracing.intentReceived(roomId.value(), kind)) {
      long start = System.nanoTime();
      RoomMetrics.Outcome outcome = outcome(member, intent, ref);
      metrics.intent(kind, outcome, System.nanoTime() - start);
      received.attribute(OUTCOME, OUTCOMES[outcome.ordinal()]);
      return outcome == RoomMetrics.Outcome.APPLIED;
    }
  }

  /**
   * An intent that brings {@code mediaRef} into the room (a new timeline media, a queue entry): a library item
   * only as its shares allow ({@link MediaPlacement}), asked before the room decides; a share the placement
   * recorded is withdrawn again when the room then turns the intent down.
   */
  void placeAndApply(MemberId member, UserId who, String mediaRef, ClientMessage message, Intent intent, String ref) {
    Runnable undo;
    try {
      undo = media.place(who, mediaRef, roomId);
    } catch (Refusal refusal) {
      metrics.intent(IntentKinds.of(message), RoomMetrics.Outcome.REFUSED, 0);
      output.refusal(refusal, ref);
      return;
    } catch (RuntimeException e) {
      log.error("media placement lookup failed room={} media={}", roomId, mediaRef, e);
      output.error(WireError.INTERNAL, "the media could not be looked up; try again", ref, null);
      return;
    }
    if (!measuredApply(member, message, intent, ref)) undo.run();
  }

  /** The span attribute with an intent's outcome, in the metrics' words. */
  static final String OUTCOME = "cowatch.intent.outcome";
  private static final String[] OUTCOMES = outcomeNames();

  private static String[] outcomeNames() {
    RoomMetrics.Outcome[] all = RoomMetrics.Outcome.values();
    String[] names = new String[all.length];
    for (RoomMetrics.Outcome o : all) names[o.ordinal()] = o.name().toLowerCase(java.util.Locale.ROOT);
    return names;
  }

  /** An intent the rate limit turned away, counted as such. */
  void rateLimited(ClientMessage message) {
    metrics.intent(IntentKinds.of(message), RoomMetrics.Outcome.RATE_LIMITED, 0);
  }

  /** The room decides; the server only says which media the track belongs to (none: no such track). */
  void chooseSubtitle(MemberId member, ClientMessage.Subtitle m) {
    String trackMedia;
    try {
      trackMedia = m.track() == null ? null : subtitles.roomMediaIdOf(m.track()).orElse(null);
    } catch (RuntimeException e) {
      log.error("subtitle track lookup failed room={} track={}", roomId, m.track(), e);
      output.error(WireError.INTERNAL, "the subtitle track could not be looked up; try again", m.ref(), null);
      return;
    }
    measuredApply(member, m, new Intent.SetSubtitle(m.track(), trackMedia), m.ref());
  }

  private RoomMetrics.Outcome outcome(MemberId member, Intent intent, String ref) {
    Optional<Decision> d = decide(member, intent, ref);
    if (d.isEmpty()) return RoomMetrics.Outcome.REFUSED;
    if (!d.get().isRejected()) return RoomMetrics.Outcome.APPLIED;
    return d.get().rejection().code() == ErrorCode.CONFLICT ? RoomMetrics.Outcome.CONFLICT : RoomMetrics.Outcome.REFUSED;
  }

  /** The room's decision (empty: the room is gone); a refusal is answered to the sender. */
  private Optional<Decision> decide(MemberId member, Intent intent, String ref) {
    Optional<Decision> decision = rooms.apply(roomId, member, intent);
    if (decision.isEmpty()) {
      output.error(WireError.ROOM_NOT_FOUND, "the room no longer exists", ref, null);
      roomGone.run();
      return decision;
    }
    Decision d = decision.get();
    if (!d.isRejected()) return decision;
    // Both say "your view of the timeline is wrong": send the right one along.
    boolean withTimeline = d.rejection().code() == ErrorCode.CONFLICT
        || d.rejection().code() == ErrorCode.VERSION_FROM_FUTURE;
    output.error(WireError.of(d.rejection().code()), d.rejection().message(), ref,
        withTimeline ? Wire.timeline(d.room().timeline()) : null);
    return decision;
  }
}
