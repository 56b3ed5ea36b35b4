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
 * from the player's clock, so it is exact at any instant. Thread-safe.
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

  private boolean playing;
  private double rate = 1.0;
  private double basePositionMs;
  private double baseTimeMs;
  private double seekEndMs = Double.NaN;
  private double stallEndMs = Double.NaN;
  private double playAtMs = Double.NaN;

  public SimulatedPlayer(ClientClock clock, Traits traits, long seed) {
    this.clock = clock;
    this.traits = traits;
    this.random = new Random(seed);
    this.baseTimeMs = clock.nowMs();
  }

  @Override
  public synchronized PlayerView view() {
    double now = settle();
    return new PlayerView(!playing, busy(), basePositionMs, rate, now);
  }

  /** The position now; for measurements. */
  public synchronized double positionMs() {
    settle();
    return basePositionMs;
  }

  public synchronized boolean isPlaying() {
    settle();
    return playing && !busy();
  }

  @Override
  public synchronized void play() {
    double now = settle();
    playAtMs = Double.NaN;
    if (playing) return;
    playing = true;
    emit(PlayerEvent.Kind.PLAY, now);
  }

  @Override
  public synchronized void pause() {
    double now = settle();
    playAtMs = Double.NaN;
    if (!playing) return;
    playing = false;
    emit(PlayerEvent.Kind.PAUSE, now);
  }

  @Override
  public synchronized void playAt(double localTimeMs) {
    settle();
    playAtMs = localTimeMs;
  }

  @Override
  public synchronized void seek(double positionMs) {
    double now = settle();
    basePositionMs = Math.max(0, positionMs);
    double latency = Math.max(0, traits.seekLatencyMs() + (random.nextDouble() * 2 - 1) * traits.seekJitterMs());
    seekEndMs = now + latency;
  }

  @Override
  public synchronized void setRate(double newRate) {
    double now = settle();
    if (newRate == rate) return;
    if (playing && !busy()) {
      // The media pipeline stalls briefly when the rate changes: the picture falls behind.
      basePositionMs = Math.max(0, basePositionMs
          - (traits.minSwitchJumpMs() + random.nextDouble() * (traits.maxSwitchJumpMs() - traits.minSwitchJumpMs())));
    }
    rate = newRate;
    emit(PlayerEvent.Kind.RATE_CHANGE, now);
  }

  /** Runs out of data for {@code durationMs}: fires WAITING now and CAN_PLAY when data is back. */
  public synchronized void stall(double durationMs) {
    double now = settle();
    stallEndMs = now + durationMs;
    emit(PlayerEvent.Kind.WAITING, now);
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

  private void emit(PlayerEvent.Kind kind, double at) {
    PlayerEvent e = new PlayerEvent(kind, basePositionMs, rate, at);
    for (Consumer<PlayerEvent> l : listeners) l.accept(e);
  }
}
