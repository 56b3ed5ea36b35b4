package dev.cowatch.core.room;

import dev.cowatch.core.room.Intent.Control;
import dev.cowatch.core.room.RoomEvent.CauseKind;
import java.util.Optional;

/** Argument checks and the "already in effect" test of the conflict rule, per control intent. */
final class ControlRules {
  static final int MAX_MEDIA_ID_LENGTH = 2_048;
  /** 48 hours: longer than any film, short enough that arithmetic on positions never overflows. */
  static final long MAX_POSITION_MS = 48L * 3_600_000;

  private ControlRules() {}

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
