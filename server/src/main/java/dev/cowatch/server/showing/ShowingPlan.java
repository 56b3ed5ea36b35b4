package dev.cowatch.server.showing;

import java.util.Optional;

/** Where a showing is by its plan (no pauses): pure arithmetic over the episodes' runtimes. */
public final class ShowingPlan {
  private ShowingPlan() {}

  /** An episode and the instant it starts (or started) by the plan. */
  public record Slot(int index, Episode episode, long startsAtMs) {}

  /**
   * The episode on at {@code nowMs}: the first before the start (counting down to it), the one whose
   * planned time covers now after; empty once the last one has ended.
   */
  public static Optional<Slot> slotAt(Showing s, long nowMs) {
    int last = s.episodes().size() - 1;
    for (int i = 0; i <= last; i++) {
      long start = s.episodeStartMs(i);
      Long duration = s.episodes().get(i).durationMs();
      boolean current = i == last ? duration == null || nowMs < start + duration : nowMs < start + duration;
      if (current) return Optional.of(new Slot(i, s.episodes().get(i), start));
    }
    return Optional.empty();
  }

  /** Which episode plays {@code mediaId}; -1 when none does. */
  public static int episodeIndex(Showing s, String mediaId) {
    if (mediaId == null) return -1;
    for (int i = 0; i < s.episodes().size(); i++) {
      if (s.episodes().get(i).mediaId().equals(mediaId)) return i;
    }
    return -1;
  }
}
