package dev.cowatch.e2e;

import dev.cowatch.core.room.PlaybackState;
import dev.cowatch.core.room.Timeline;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Extension viewers in one room, read together with the server's timeline (as {@link RoomSession}
 * reads web-app pages): the browser tests and {@code bench/run extension-sync} wait on and measure these.
 */
public final class ExtensionRoom {
  private final E2eStack stack;
  private final String roomId;
  private final List<ExtensionViewer> viewers;

  public ExtensionRoom(E2eStack stack, String roomId, List<ExtensionViewer> viewers) {
    this.stack = stack;
    this.roomId = roomId;
    this.viewers = List.copyOf(viewers);
  }

  /** The room id in a room link {@code http://host/r/{id}}. */
  public static String idOf(String link) {
    return link.substring(link.lastIndexOf('/') + 1);
  }

  public String roomId() {
    return roomId;
  }

  public Timeline timeline() {
    return stack.timeline(roomId);
  }

  public Round round() {
    List<PageSample> samples = new ArrayList<>(viewers.size());
    for (ExtensionViewer v : viewers) samples.add(v.sample());
    return new Round(timeline(), samples);
  }

  /** Reads rounds every {@code everyMs} until {@code test} holds; fails after {@link RoomSession#AWAIT_MS}. */
  public Round await(String what, Predicate<Round> test, long everyMs) {
    long until = System.currentTimeMillis() + RoomSession.AWAIT_MS;
    Round last = null;
    while (System.currentTimeMillis() < until) {
      last = round();
      if (test.test(last)) return last;
      idle(everyMs);
    }
    throw new AssertionError("timed out waiting for " + what + "; last " + RoomSession.describe(last));
  }

  /** Every player plays on the room's current timeline, past its start, within {@link RoomSession#CONVERGED_MS}. */
  public Round awaitPlayingTogether() {
    return await("all players playing together", r -> r.allPlaying() && r.instantMs() > r.timeline().anchorTimeMs() + 200
        && r.spreadMs() <= RoomSession.CONVERGED_MS, 20);
  }

  /** Every player paused on the room's frame. */
  public Round awaitPausedTogether() {
    return await("all players paused on the room's frame", r -> r.timeline().state() == PlaybackState.PAUSED
        && r.samples().stream().allMatch(s -> s.paused() && !s.seeking() && s.version() == r.timeline().version())
        && r.worstTimelineErrorMs() <= RoomSession.CONVERGED_MS, 20);
  }

  /** Samples every {@code everyMs} for {@code durationMs}, keeping only rounds where everyone plays. */
  public List<Round> sampleSteady(long durationMs, long everyMs) {
    List<Round> rounds = new ArrayList<>();
    long start = System.currentTimeMillis();
    long next = start;
    while (next < start + durationMs) {
      Round r = round();
      if (r.allPlaying()) rounds.add(r);
      next += everyMs;
      long wait = next - System.currentTimeMillis();
      if (wait > 0) idle(wait);
    }
    return rounds;
  }

  /**
   * {@code actor} seeks to {@code positionMs} while the room plays; returns the time from the gesture
   * until every player plays from there within {@link RoomSession#CONVERGED_MS} of each other for good
   * (the definition of {@link RoomSession#seekFrom}).
   */
  public double seekFrom(ExtensionViewer actor, long positionMs, long windowMs) {
    long before = timeline().version();
    long start = System.currentTimeMillis();
    actor.seek(positionMs);
    long lastBad = start;
    Round lastBadRound = null;
    while (System.currentTimeMillis() < start + windowMs) {
      Round r = round();
      if (RoomSession.TRACE) System.out.println(RoomSession.compact(r, start));
      if (!together(r, before)) {
        lastBad = System.currentTimeMillis();
        lastBadRound = r;
      }
      idle(5);
    }
    if (lastBad > start + windowMs - 200) throw new AssertionError(String.format(java.util.Locale.ROOT,
        "no convergence after the seek; the last reading apart or not playing on, %d ms after the gesture: %s%nnow: %s",
        lastBad - start, RoomSession.describe(lastBadRound), RoomSession.describe(round())));
    return lastBad - start;
  }

  /**
   * {@code actor} seeks to {@code positionMs} in an adaptive stream while the room plays; returns the time from the
   * gesture until every player plays from there within {@link RoomSession#CONVERGED_MS} of each other and stays so
   * for {@code holdMs}. Unlike {@link #seekFrom} a later blip does not move that time: a streaming player that
   * briefly stalls on a segment it fetches late (its forward buffer is a few seconds, and a loaded machine fetches
   * slowly) is steady playback's, and the steady figures count it. Fails when no such stretch began within
   * {@code windowMs}.
   */
  public double seekLanding(ExtensionViewer actor, long positionMs, long windowMs, long holdMs) {
    long before = timeline().version();
    long start = System.currentTimeMillis();
    actor.seek(positionMs);
    long togetherSince = -1;
    Round lastBadRound = null;
    long lastBad = start;
    while (System.currentTimeMillis() < start + windowMs + holdMs) {
      Round r = round();
      if (RoomSession.TRACE) System.out.println(RoomSession.compact(r, start));
      long now = System.currentTimeMillis();
      if (!together(r, before)) {
        togetherSince = -1;
        lastBad = now;
        lastBadRound = r;
        if (now > start + windowMs) break;
      } else if (togetherSince < 0) {
        togetherSince = now;
      } else if (now - togetherSince >= holdMs) {
        return lastBad - start;
      }
      idle(5);
    }
    throw new AssertionError(String.format(java.util.Locale.ROOT,
        "no landing after the seek within %d ms (together for %d ms); the last reading apart or not playing on, %d ms after the gesture: %s%nnow: %s",
        windowMs, holdMs, lastBad - start, RoomSession.describe(lastBadRound), RoomSession.describe(round())));
  }

  /** Every player plays on from a timeline newer than {@code before}, past its instant, within CONVERGED_MS. */
  private static boolean together(Round r, long before) {
    return r.timeline().version() > before && r.allPlaying() && r.instantMs() > r.timeline().anchorTimeMs()
        && r.spreadMs() <= RoomSession.CONVERGED_MS;
  }

  public void idle(long ms) {
    if (ms > 0) viewers.getFirst().idle(ms);
  }
}
