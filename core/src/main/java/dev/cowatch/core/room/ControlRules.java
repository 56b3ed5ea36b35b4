package dev.cowatch.core.room;

import dev.cowatch.core.Tolerances;
import dev.cowatch.core.room.Intent.Control;
import dev.cowatch.core.room.RoomEvent.CauseKind;
import java.util.Optional;

/**
 * Argument checks, the conflict rule and the anchoring of control intents: shared by the room's
 * {@link RoomDecider} and the peers' {@link PeerDecider}, so a peer room decides as the server does.
 */
final class ControlRules {
  static final int MAX_MEDIA_ID_LENGTH = 2_048;
  /** 48 hours: longer than any film, short enough that arithmetic on positions never overflows. */
  static final long MAX_POSITION_MS = 48L * 3_600_000;

  private ControlRules() {}

  /** What the conflict rule says of a control intent on timeline {@code t}, before anything changes. */
  sealed interface Check {
    record Refuse(ErrorCode code, String message) implements Check {}

    /** Stale or not, the timeline already is where the intent wants it: accepted, nothing changes. */
    record InEffect() implements Check {}

    /** A current intent that changes the timeline. */
    record Proceed() implements Check {}
  }

  /**
   * A version from the future, then the intent's arguments, then the conflict rule: an intent based
   * on an older version is refused unless it is already in effect. Permissions are the caller's.
   */
  static Check check(Control intent, Timeline t) {
    if (intent.baseVersion() > t.version()) {
      return new Check.Refuse(ErrorCode.VERSION_FROM_FUTURE,
          "version " + intent.baseVersion() + " is ahead of the room's " + t.version());
    }
    Optional<String> invalid = validate(intent, t);
    if (invalid.isPresent()) {
      boolean needsMedia = intent instanceof Intent.Play || intent instanceof Intent.Seek;
      ErrorCode code = needsMedia && !t.hasMedia() ? ErrorCode.NO_MEDIA : ErrorCode.INVALID_ARGUMENT;
      return new Check.Refuse(code, invalid.get());
    }
    boolean inEffect = alreadyInEffect(intent, t);
    if (intent.baseVersion() < t.version()) {
      return inEffect
          ? new Check.InEffect()
          : new Check.Refuse(ErrorCode.CONFLICT,
              "the timeline changed (version " + t.version() + ") since version " + intent.baseVersion());
    }
    return inEffect ? new Check.InEffect() : new Check.Proceed();
  }

  /** How far ahead a play is anchored: the slowest round trip, within bounds; a seek adds its allowance. */
  static long lead(double roundTripMs, boolean afterSeek, Tolerances tol) {
    long lead = Math.clamp(Math.round(roundTripMs), tol.minLeadMs(), tol.maxLeadMs());
    return afterSeek ? lead + tol.seekAllowanceMs() : lead;
  }

  /** Where a pause stops: the position the sender's player showed when close enough, else where the timeline is now. */
  static long pausePosition(Timeline t, Intent.Pause pause, long nowMs, Tolerances tol) {
    long current = Math.round(t.positionAt(nowMs));
    Long shown = pause.positionMs();
    if (shown == null || Math.abs(shown - current) > tol.pausePositionToleranceMs()) return current;
    return shown;
  }

  static Optional<String> validate(Control intent, Timeline t) {
    return switch (intent) {
      case Intent.Play p -> t.hasMedia() ? Optional.empty() : Optional.of("no media is set");
      case Intent.Pause p -> p.positionMs() != null && (p.positionMs() < 0 || p.positionMs() > MAX_POSITION_MS)
          ? Optional.of("position out of range")
          : Optional.empty();
      case Intent.Seek s -> {
        if (!t.hasMedia()) yield Optional.of("no media is set");
        yield s.positionMs() < 0 || s.positionMs() > MAX_POSITION_MS
            ? Optional.of("position must be 0-" + MAX_POSITION_MS + " ms")
            : Optional.empty();
      }
      case Intent.SetRate r -> r.rate() >= Timeline.MIN_RATE && r.rate() <= Timeline.MAX_RATE
          ? Optional.empty()
          : Optional.of("rate must be " + Timeline.MIN_RATE + "-" + Timeline.MAX_RATE);
      case Intent.SetMedia m -> m.mediaId() == null || m.mediaId().isBlank() || m.mediaId().length() > MAX_MEDIA_ID_LENGTH
          ? Optional.of("media id must be 1-" + MAX_MEDIA_ID_LENGTH + " characters")
          : Optional.empty();
    };
  }

  /** True when the room already is where the intent wants it, so a stale copy does no harm. */
  static boolean alreadyInEffect(Control intent, Timeline t) {
    return switch (intent) {
      case Intent.Play p -> t.state() != PlaybackState.PAUSED;
      case Intent.Pause p -> t.state() == PlaybackState.PAUSED;
      case Intent.Seek s -> t.state() != PlaybackState.PLAYING && t.anchorPositionMs() == s.positionMs();
      case Intent.SetRate r -> t.rate() == r.rate();
      case Intent.SetMedia m -> m.mediaId().equals(t.mediaId());
    };
  }

  static CauseKind causeOf(Control intent) {
    return switch (intent) {
      case Intent.Play p -> CauseKind.PLAY;
      case Intent.Pause p -> CauseKind.PAUSE;
      case Intent.Seek s -> CauseKind.SEEK;
      case Intent.SetRate r -> CauseKind.SET_RATE;
      case Intent.SetMedia m -> CauseKind.SET_MEDIA;
    };
  }
}
