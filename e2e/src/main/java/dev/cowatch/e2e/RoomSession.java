package dev.cowatch.e2e;

import dev.cowatch.core.room.PlaybackState;
import dev.cowatch.core.room.Timeline;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The viewers of one room and the measurements the browser tests and {@code bench/run
 * browser-sync} make on them: steady playback, a pause, a seek, a late joiner. Times are wall
 * clock; the browser and the server share this machine's clock.
 */
public final class RoomSession implements AutoCloseable {
  /** Converged: within a frame or so of each other and of the timeline (the 50 ms). */
  public static final double CONVERGED_MS = 50;
  /** Waits for a state of the room or the pages give up after this long. */
  public static final long AWAIT_MS = 15_000;

  private final E2eStack stack;
  private final String roomId;
  /** Where the pages open the app: the server, or a proxy in front of it. */
  private final URI appBase;
  private final List<RoomPage> pages = new ArrayList<>();

  public RoomSession(E2eStack stack, String roomId) {
    this(stack, roomId, stack.baseUri());
  }

  /** Pages open the app at {@code appBase} (e.g. a proxy that delays the traffic to the server). */
  public RoomSession(E2eStack stack, String roomId, URI appBase) {
    this.stack = stack;
    this.roomId = roomId;
    this.appBase = appBase;
  }

  public String roomId() {
    return roomId;
  }

  public List<RoomPage> pages() {
    return List.copyOf(pages);
  }

  public RoomPage page(int i) {
    return pages.get(i);
  }

  /** A new viewer (desktop size) who joins and waits until the media can play. */
  public RoomPage join(String name) {
    return add(stack.chromium().newViewer(name).join(appBase, roomId));
  }

  /** Adds a viewer that has joined already (or will be measured while joining). */
  public RoomPage add(RoomPage page) {
    pages.add(page);
    return page;
  }

  public Timeline timeline() {
    return stack.timeline(roomId);
  }

  /** Reads every page once. */
  public Round round() {
    return round(pages);
  }

  public Round round(List<RoomPage> which) {
    List<PageSample> samples = new ArrayList<>(which.size());
    for (RoomPage p : which) samples.add(p.sample());
    return new Round(timeline(), samples);
  }

  /** Reads rounds every {@code everyMs} until {@code test} holds; fails after {@link #AWAIT_MS}. */
  public Round await(String what, Predicate<Round> test, long everyMs) {
    long until = System.currentTimeMillis() + AWAIT_MS;
    Round last = null;
    while (System.currentTimeMillis() < until) {
      last = round();
      if (test.test(last)) return last;
      idle(everyMs);
    }
    throw new AssertionError("timed out waiting for " + what + "; last " + describe(last));
  }

  /** Waits until the room plays, its anchor has passed and every page plays on its timeline. */
  public Round awaitAllPlaying() {
    return await("all pages playing", r -> r.allPlaying() && r.instantMs() > r.timeline().anchorTimeMs(), 20);
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

  /** What a pause from one page did to all of them. */
  public record PauseResult(double latencyMs, double stopSpreadMs, double restSpreadMs, double restErrorMs) {}

  /**
   * {@code actor} clicks pause. Measures the time from the click until the last page's player was paused,
   * how far apart the players stopped, and (after the engine moved them onto the room's frame)
   * how far apart they rest and how far from the timeline.
   */
  public PauseResult pauseFrom(RoomPage actor) {
    for (RoomPage p : pages) p.watchPause();
    actor.clickPlayPause();
    long until = System.currentTimeMillis() + AWAIT_MS;
    while (pages.stream().anyMatch(p -> Double.isNaN(p.pauseAt()))) {
      if (System.currentTimeMillis() > until) throw new AssertionError("not every page paused; " + describe(round()));
      idle(10);
    }
    double clickAt = actor.clickAt();
    double lastPause = pages.stream().mapToDouble(RoomPage::pauseAt).max().orElseThrow();
    double minPos = pages.stream().mapToDouble(RoomPage::pausePositionMs).min().orElseThrow();
    double maxPos = pages.stream().mapToDouble(RoomPage::pausePositionMs).max().orElseThrow();
    Round rest = await("paused on the room's frame", r -> r.timeline().state() == PlaybackState.PAUSED
        && r.samples().stream().allMatch(s -> s.paused() && !s.seeking() && s.version() == r.timeline().version())
        && r.worstTimelineErrorMs() <= CONVERGED_MS, 20);
    idle(300);
    rest = round();
    return new PauseResult(lastPause - clickAt, maxPos - minPos, rest.spreadMs(), rest.worstTimelineErrorMs());
  }

  /** {@code actor} clicks play; returns once every page plays. */
  public Round playFrom(RoomPage actor) {
    actor.clickPlayPause();
    return awaitAllPlaying();
  }

  /**
   * {@code actor} drags the seek bar to {@code positionMs} while the room plays. Reads every page
   * as fast as it can for {@code windowMs}; converged from the last reading on which some page was
   * not yet playing from the new position (holding on it until the room's start instant counts as
   * not converged) or two pages were more than {@link #CONVERGED_MS} apart (the definition of
   * bench/run sync). Returns the time from the gesture to then.
   */
  public double seekFrom(RoomPage actor, long positionMs, long windowMs) {
    long before = timeline().version();
    long start = System.currentTimeMillis();
    actor.seekBarTo(positionMs);
    long lastBad = start;
    Round lastBadRound = null;
    while (System.currentTimeMillis() < start + windowMs) {
      Round r = round();
      boolean playingOn = r.timeline().version() > before && r.allPlaying() && r.instantMs() > r.timeline().anchorTimeMs();
      if (TRACE) System.out.println(compact(r, start));
      if (!playingOn || r.spreadMs() > CONVERGED_MS) {
        lastBad = System.currentTimeMillis();
        lastBadRound = r;
      }
      idle(5);
    }
    if (lastBad > start + windowMs - 200) throw new AssertionError(String.format(java.util.Locale.ROOT,
        "no convergence after the seek; the last reading apart or not playing on, %d ms after the gesture: %s%nnow: %s",
        lastBad - start, describe(lastBadRound), describe(round())));
    return lastBad - start;
  }

  /** How a viewer who arrives mid-play lands. */
  public record LateJoin(double landMs, Percentiles offsetsMs) {}

  /**
   * {@code newcomer} opens the room while it plays. Measures the time from opening the link until
   * its player is within {@link #CONVERGED_MS} of every other page, then for {@code observeMs} its
   * distance from the farthest other page.
   */
  public LateJoin lateJoin(RoomPage newcomer, long observeMs) {
    long start = System.currentTimeMillis();
    newcomer.join(appBase, roomId, 1);
    pages.add(newcomer);
    Round landed = await("the late joiner to land", r -> r.allPlaying() && r.spreadMs() <= CONVERGED_MS, 10);
    double landMs = landed.instantMs() - start;
    List<Double> offsets = new ArrayList<>();
    long until = System.currentTimeMillis() + observeMs;
    while (System.currentTimeMillis() < until) {
      Round r = round();
      if (r.allPlaying()) offsets.add(newcomerOffset(r));
      idle(100);
    }
    return new LateJoin(landMs, new Percentiles(offsets));
  }

  private static double newcomerOffset(Round r) {
    List<PageSample> s = r.samples();
    double at = r.instantMs();
    double mine = s.getLast().positionAt(at);
    double worst = 0;
    for (int i = 0; i < s.size() - 1; i++) worst = Math.max(worst, Math.abs(mine - s.get(i).positionAt(at)));
    return worst;
  }

  /** Lets time pass while Playwright keeps serving the pages' events and routes. */
  public void idle(long ms) {
    if (ms <= 0) return;
    pages.getFirst().idle(ms);
  }

  /** -Dcowatch.e2e.trace=true prints every reading taken while a seek converges. */
  static final boolean TRACE = Boolean.getBoolean("cowatch.e2e.trace");

  static String compact(Round r, long since) {
    StringBuilder b = new StringBuilder(String.format(java.util.Locale.ROOT, "%5.0f v%d %s anchor%+6.0f |",
        r.instantMs() - since, r.timeline().version(), r.timeline().state(), r.instantMs() - r.timeline().anchorTimeMs()));
    for (PageSample s : r.samples()) {
      b.append(String.format(java.util.Locale.ROOT, " %7.1f r%.3f %s%s v%d |", r.timelineErrorMs(s), s.rate(),
          s.paused() ? "P" : "-", s.seeking() ? "S" : "-", s.version()));
    }
    return b.toString();
  }

  public static String describe(Round r) {
    if (r == null) return "no reading";
    StringBuilder b = new StringBuilder("timeline ").append(r.timeline());
    for (PageSample s : r.samples()) {
      b.append(String.format(java.util.Locale.ROOT, "%n  pos=%.1f err=%.1f paused=%s seeking=%s rate=%.3f ready=%d v=%d clockErr=%.1f",
          s.positionMs(), r.timelineErrorMs(s), s.paused(), s.seeking(), s.rate(), s.readyState(), s.version(), s.clockErrorMs()));
    }
    return b.toString();
  }

  @Override
  public void close() {
    for (RoomPage p : pages) p.close();
    pages.clear();
  }
}
