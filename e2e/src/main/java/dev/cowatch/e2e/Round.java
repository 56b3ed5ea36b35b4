package dev.cowatch.e2e;

import dev.cowatch.core.room.PlaybackState;
import dev.cowatch.core.room.Timeline;
import java.util.ArrayList;
import java.util.List;

/**
 * One reading of every page of a room, taken one page after another in quick succession (a few
 * ms apart), with the server's timeline. Positions are compared at one common instant: each
 * page's reading is carried forward to it at the player's own rate, so the sampling skew cancels.
 */
public record Round(Timeline timeline, List<PageSample> samples) {
  public Round {
    samples = List.copyOf(samples);
  }

  /** The instant positions are compared at: the first page's reading. */
  public double instantMs() {
    return samples.getFirst().wallMs();
  }

  /** Every page has the server's current timeline and plays (no seek under way, not paused). */
  public boolean allPlaying() {
    return timeline.state() == PlaybackState.PLAYING
        && samples.stream().allMatch(s -> s.playing() && s.version() == timeline.version());
  }

  /** Widest distance between two pages' positions at the common instant. */
  public double spreadMs() {
    double min = Double.MAX_VALUE;
    double max = -Double.MAX_VALUE;
    for (PageSample s : samples) {
      double p = s.positionAt(instantMs());
      min = Math.min(min, p);
      max = Math.max(max, p);
    }
    return samples.isEmpty() ? 0 : max - min;
  }

  /** |a - b| for every pair of pages, at the common instant. */
  public List<Double> pairDiffsMs() {
    List<Double> out = new ArrayList<>();
    for (int i = 0; i < samples.size(); i++) {
      for (int j = i + 1; j < samples.size(); j++) {
        out.add(Math.abs(samples.get(i).positionAt(instantMs()) - samples.get(j).positionAt(instantMs())));
      }
    }
    return out;
  }

  /** Each page's position minus where the server's timeline is at that page's reading. */
  public List<Double> timelineErrorsMs() {
    return samples.stream().map(this::timelineErrorMs).toList();
  }

  public double timelineErrorMs(PageSample s) {
    return s.positionMs() - timeline.positionAt(s.wallMs());
  }

  /** Largest |timeline error| of all pages. */
  public double worstTimelineErrorMs() {
    return samples.stream().mapToDouble(s -> Math.abs(timelineErrorMs(s))).max().orElse(0);
  }
}
