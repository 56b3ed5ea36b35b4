package dev.cowatch.client;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Remembers the player events that applying the room's timeline is about to cause, so that they
 * are not mistaken for a person's gestures and sent back as intents (the echo loop that makes
 * other tools bounce play/pause between clients). An expectation not met in time lapses, so a
 * command the player ignored cannot swallow a later real gesture for long.
 *
 * <p>A seek of ours is answered only by a landing near where it was sent. A player that merges a
 * person's seek with one of ours (mpv reports one landing for seeks that overlap; a browser fires
 * one {@code seeked} for the last) lands where the person sent it, and that is a gesture: taken by
 * kind alone it was swallowed, and the room pulled the person back. web/src/engine/echo.ts is the
 * twin; core's {@code sync/echo-guard-vectors.json} binds the two. Not thread-safe.
 */
public final class EchoGuard {
  /** How long an expected event may take: longer than any seek measured (200 ms) with margin. */
  static final double EXPECTATION_MS = 2_000;
  /**
   * How far from its target a seek of ours may land: mpv lands on the frame's own time (7 ms off on the test video),
   * VLC's percentage seeks and browsers exactly; a second leaves room for a player that seeks to keyframes.
   */
  static final double SEEK_LANDS_WITHIN_MS = 1_000;

  /** @param targetMs where a seek was sent (NaN for the other kinds) */
  private record Expectation(PlayerEvent.Kind kind, double untilLocalMs, double targetMs) {
    boolean answeredBy(PlayerEvent event) {
      if (kind != event.kind()) return false;
      return Double.isNaN(targetMs) || Math.abs(event.positionMs() - targetMs) <= SEEK_LANDS_WITHIN_MS;
    }
  }

  /** Sync steps come every 20 ms; a gap between two moments the client ran longer than this is time it did not run. */
  static final double RUNNING_GAP_MS = 250;

  private final List<Expectation> expected = new ArrayList<>();
  private double lastRanMs = Double.NaN;

  /** Expects an event other than a seek's landing by {@code untilLocalMs}. */
  public void expect(PlayerEvent.Kind kind, double untilLocalMs) {
    if (kind == PlayerEvent.Kind.SEEKED) throw new IllegalArgumentException("a seek is expected with its target: expectSeek");
    expected.add(new Expectation(kind, untilLocalMs, Double.NaN));
  }

  /** Expects the event within the usual time from now. */
  public void expectSoon(PlayerEvent.Kind kind, double nowLocalMs) {
    ran(nowLocalMs);
    expect(kind, nowLocalMs + EXPECTATION_MS);
  }

  /** Expects the landing of a seek sent to {@code targetMs} now. */
  public void expectSeek(double targetMs, double nowLocalMs) {
    ran(nowLocalMs);
    expected.add(new Expectation(PlayerEvent.Kind.SEEKED, nowLocalMs + EXPECTATION_MS, targetMs));
  }

  /**
   * The player is still busy (seeking, or fetching for a seek): the seeks of ours it may be under way to have not
   * landed yet, however long that takes, so their expectations are kept from lapsing until {@link #EXPECTATION_MS}
   * after the last call. On a slow link or a busy machine a seek lands later than that, and its landing, taken for a
   * person's seek, moved the whole room there (a CI run at load 10: a page sent a seek nobody made, 2.2 s after the
   * room had sent it to about that place). Seeks only: they are told apart from a person's by where they land; the
   * other kinds by kind alone, which a long wait would let swallow a person's gesture.
   */
  public void underWay(double nowLocalMs) {
    ran(nowLocalMs);
    double until = nowLocalMs + EXPECTATION_MS;
    expected.replaceAll(e -> e.kind() == PlayerEvent.Kind.SEEKED && e.untilLocalMs() < until
        ? new Expectation(e.kind(), until, e.targetMs()) : e);
  }

  /**
   * The client runs at {@code nowLocalMs} (a sync step, an event handled). Time in which it did not run, beyond a usual
   * gap, does not count toward any expectation's lapse: a process starved of CPU for seconds handles the events its own
   * commands caused only when it runs again, and by the wall clock their expectations had lapsed (web pages at a load
   * of 26 sent seeks nobody made that way). A person's gesture is still told apart as before: by kind, and a seek by
   * where it lands.
   */
  public void ran(double nowLocalMs) {
    double gap = nowLocalMs - lastRanMs;
    if (gap > RUNNING_GAP_MS) {
      double stood = gap - RUNNING_GAP_MS;
      expected.replaceAll(e -> new Expectation(e.kind(), e.untilLocalMs() + stood, e.targetMs()));
    }
    if (!(nowLocalMs <= lastRanMs)) lastRanMs = nowLocalMs;
  }

  /** True if the event was expected (and is now consumed): it came from us, not a person. */
  public boolean consume(PlayerEvent event) {
    ran(event.localTimeMs());
    Iterator<Expectation> it = expected.iterator();
    while (it.hasNext()) {
      Expectation e = it.next();
      if (e.untilLocalMs() < event.localTimeMs()) {
        it.remove();
      } else if (e.answeredBy(event)) {
        it.remove();
        return true;
      }
    }
    return false;
  }
}
