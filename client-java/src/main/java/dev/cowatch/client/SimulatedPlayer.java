package dev.cowatch.client;

import dev.cowatch.core.sync.PlayerView;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

/**
 * A virtual video player with the imperfections measured in headless Chromium (DESIGN.md):
 * seeking takes 66-200 ms (fixed per player, plus jitter), every playbackRate switch costs a
 * small position jump, and its media clock runs slightly off the wall clock. Position is computed
 * from the player's clock, so it is exact at any instant. Thread-safe; listeners are called after
 * the player's lock is released, as a real player fires events from its own thread, so a listener
 * may hold its own lock while calling the player (PlayerSync does) without a lock-order deadlock.
 */
public final class SimulatedPlayer implements Player {

  /** The imperfections of one player. */
  public record Traits(double seekLatencyMs, double seekJitterMs, double minSwitchJumpMs, double maxSwitchJumpMs,
      double clockDriftPpm) {

    /** A player drawn from the ranges measured in Chromium. */
    public static Traits random(Random random) {
      return new Traits(66 + random.nextDouble() * 134, 10, 7, 35, (random.nextDouble() * 2 - 1) * 100);
    }

    public static Traits ideal() {
      return new Traits(0, 0, 0, 0, 0);
    }
  }

  private final ClientClock clock;
  private final Traits traits;
  private final Random random;
  private final List<Consumer<PlayerEvent>> listeners = new ArrayList<>();
  /** Events fired under the lock, delivered once it is released. */
  private final List<PlayerEvent> pending = new ArrayList<>();

  private boolean playing;
  private double rate = 1.0;
  private double basePositionMs;
  private double baseTimeMs;
  private double seekEndMs = Double.NaN;
  private double stallEndMs = Double.NaN;
  private double playAtMs = Double.NaN;
  private boolean unseekable;
  private boolean silentPauses;

  public SimulatedPlayer(ClientClock clock, Traits traits, long seed) {
    this.clock = clock;
    this.traits = traits;
    this.random = new Random(seed);
    this.baseTimeMs = clock.nowMs();
  }

  @Override
  public PlayerView view() {
    PlayerView view;
    synchronized (this) {
      double now = settle();
      view = new PlayerView(!playing, busy(), basePositionMs, rate, now);
    }
    deliver();
    return view;
  }

  /** The position now; for measurements. */
  public double positionMs() {
    double position;
    synchronized (this) {
      settle();
      position = basePositionMs;
    }
    deliver();
    return position;
  }

  public boolean isPlaying() {
    boolean result;
    synchronized (this) {
      settle();
      result = playing && !busy();
    }
    deliver();
    return result;
  }

  @Override
  public void play() {
    synchronized (this) {
      double now = settle();
      playAtMs = Double.NaN;
      if (!playing) {
        playing = true;
        emit(PlayerEvent.Kind.PLAY, now);
      }
    }
    deliver();
  }

  @Override
  public void pause() {
    synchronized (this) {
      double now = settle();
      playAtMs = Double.NaN;
      if (playing) {
        playing = false;
        if (!silentPauses) emit(PlayerEvent.Kind.PAUSE, now);
      }
    }
    deliver();
  }

  @Override
  public void playAt(double localTimeMs) {
    synchronized (this) {
      settle();
      playAtMs = localTimeMs;
    }
    deliver();
  }

  /** Whether the player pauses without a word (no pause event): a command the engine expects an event of gets none. */
  public synchronized void pauseSilently(boolean silently) {
    silentPauses = silently;
  }

  /** From now on a film that cannot be sought (a server that ignores byte ranges): every seek lands at the start. */
  public synchronized void loseSeeking() {
    unseekable = true;
  }

  @Override
  public synchronized boolean cannotSeek() {
    return unseekable;
  }

  @Override
  public void seek(double positionMs) {
    synchronized (this) {
      double now = settle();
      basePositionMs = unseekable ? 0 : Math.max(0, positionMs);
      double latency = Math.max(0, traits.seekLatencyMs() + (random.nextDouble() * 2 - 1) * traits.seekJitterMs());
      seekEndMs = now + latency;
    }
    deliver();
  }

  @Override
  public void setRate(double newRate) {
    synchronized (this) {
      double now = settle();
      if (newRate != rate) {
        if (playing && !busy()) {
          // The media pipeline stalls briefly when the rate changes: the picture falls behind.
          basePositionMs = Math.max(0, basePositionMs
              - (traits.minSwitchJumpMs() + random.nextDouble() * (traits.maxSwitchJumpMs() - traits.minSwitchJumpMs())));
        }
        rate = newRate;
        emit(PlayerEvent.Kind.RATE_CHANGE, now);
      }
    }
    deliver();
  }

  /** Runs out of data for {@code durationMs}: fires WAITING now and CAN_PLAY when data is back. */
  public void stall(double durationMs) {
    synchronized (this) {
      double now = settle();
      stallEndMs = now + durationMs;
      emit(PlayerEvent.Kind.WAITING, now);
    }
    deliver();
  }

  @Override
  public synchronized void onEvent(Consumer<PlayerEvent> listener) {
    listeners.add(listener);
  }

  private boolean busy() {
    return !Double.isNaN(seekEndMs) || !Double.isNaN(stallEndMs);
  }

  /** Moves the player forward to now, firing the transitions (seek end, stall end, start) on the way. */
  private double settle() {
    double now = clock.nowMs();
    while (true) {
      double next = Math.min(nan(seekEndMs), Math.min(nan(stallEndMs), nan(playAtMs)));
      if (next > now) break;
      advanceTo(next);
      if (next == seekEndMs) {
        seekEndMs = Double.NaN;
        emit(PlayerEvent.Kind.SEEKED, next);
      } else if (next == stallEndMs) {
        stallEndMs = Double.NaN;
        emit(PlayerEvent.Kind.CAN_PLAY, next);
      } else {
        playAtMs = Double.NaN;
        if (!playing) {
          playing = true;
          emit(PlayerEvent.Kind.PLAY, next);
        }
      }
    }
    advanceTo(now);
    return now;
  }

  private void advanceTo(double t) {
    if (t <= baseTimeMs) return;
    if (playing && !busy()) basePositionMs += (t - baseTimeMs) * rate * (1 + traits.clockDriftPpm() / 1e6);
    baseTimeMs = t;
  }

  private static double nan(double v) {
    return Double.isNaN(v) ? Double.POSITIVE_INFINITY : v;
  }

  /** Under the lock: records the event for {@link #deliver}. */
  private void emit(PlayerEvent.Kind kind, double at) {
    pending.add(new PlayerEvent(kind, basePositionMs, rate, at));
  }

  /** Outside the lock: hands the recorded events, in the order they happened, to the listeners. */
  private void deliver() {
    List<PlayerEvent> events;
    List<Consumer<PlayerEvent>> targets;
    synchronized (this) {
      if (pending.isEmpty()) return;
      events = List.copyOf(pending);
      pending.clear();
      targets = List.copyOf(listeners);
    }
    for (PlayerEvent e : events) {
      for (Consumer<PlayerEvent> l : targets) l.accept(e);
    }
  }
}
