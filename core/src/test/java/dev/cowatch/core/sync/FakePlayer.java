package dev.cowatch.core.sync;

import dev.cowatch.core.Tolerances;
import java.util.ArrayList;
import java.util.List;

/**
 * A player whose position is computed, not sampled: position advances by elapsed time times rate
 * while playing. Seeks take {@code seekLatencyMs} (position shows the target, playback resumes
 * after), a rate switch while playing jumps by {@code switchJumpMs}, and PlayAt starts playback
 * on that instant. The local clock equals the server clock.
 */
final class FakePlayer {
  private final double seekLatencyMs;
  private final double switchJumpMs;
  /**
   * Jumps by kind of switch, around a nominal rate of 1 (null: every switch jumps {@code switchJumpMs}):
   * into faster, back from faster, into slower, back from slower; a switch between two off-nominal rates
   * jumps by none.
   */
  private double[] switchJumpsByKind;
  private boolean paused;
  private double rate = 1.0;
  /** The rate last set, which the player reports at once (as a <video>'s playbackRate does) before it lands. */
  private double requestedRate = 1.0;
  private double position; // at movingFromMs, or the frozen position while paused or seeking
  private double movingFromMs;
  private double seekingUntilMs = Double.NEGATIVE_INFINITY;
  private double playAtMs = Double.NaN;
  /** How long after a switch it lands: the old rate plays on until then, then the jump (Chromium: ~100 ms). */
  private double jumpDelayMs;
  /** Switches made, not landed yet: {instant it lands, its jump ms, its rate}. */
  private final List<double[]> pendingJumps = new ArrayList<>();
  /** A source that cannot seek (a server without byte ranges): seeks leave the position where it is. */
  private boolean unseekable;
  private final List<PlayerCommand> applied = new ArrayList<>();

  private FakePlayer(double positionMs, double atMs, boolean paused, double seekLatencyMs, double switchJumpMs) {
    this.position = positionMs;
    this.movingFromMs = atMs;
    this.paused = paused;
    this.seekLatencyMs = seekLatencyMs;
    this.switchJumpMs = switchJumpMs;
  }

  static FakePlayer playing(double positionMs, double atMs) {
    return new FakePlayer(positionMs, atMs, false, Tolerances.DEFAULTS.initialSeekLatencyMs(), 0);
  }

  static FakePlayer paused(double positionMs, double atMs) {
    return new FakePlayer(positionMs, atMs, true, Tolerances.DEFAULTS.initialSeekLatencyMs(), 0);
  }

  FakePlayer withSeekLatency(double ms) {
    return new FakePlayer(position, movingFromMs, paused, ms, switchJumpMs);
  }

  FakePlayer withSwitchJump(double ms) {
    return new FakePlayer(position, movingFromMs, paused, seekLatencyMs, ms);
  }

  /** Headless Chromium's jumps, as measured (SwitchCosts): into faster -21, back -1.5, into slower -14.5, back -8.5. */
  FakePlayer withChromiumSwitchJumps() {
    switchJumpsByKind = new double[] {-21, -1.5, -14.5, -8.5};
    return this;
  }

  /**
   * Each switch lands {@code ms} after it is made: headless Chromium plays on at the old rate for about 100 ms,
   * then its clock jumps (bench/run browser-sync's player trace, issue 21's sixth pass).
   */
  FakePlayer jumpsShowAfter(double ms) {
    jumpDelayMs = ms;
    return this;
  }

  FakePlayer unseekable() {
    unseekable = true;
    return this;
  }

  FakePlayer withRate(double newRate, double atMs) {
    rebase(atMs);
    rate = newRate;
    requestedRate = newRate;
    return this;
  }

  PlayerView view(double nowMs) {
    settle(nowMs);
    return new PlayerView(paused, nowMs < seekingUntilMs, positionAt(nowMs), requestedRate, nowMs);
  }

  double positionAt(double nowMs) {
    settle(nowMs);
    if (paused || nowMs <= movingFromMs) return position;
    return position + (nowMs - movingFromMs) * rate;
  }

  void apply(List<PlayerCommand> commands, double nowMs) {
    settle(nowMs);
    for (PlayerCommand c : commands) {
      applied.add(c);
      switch (c) {
        case PlayerCommand.Pause p -> {
          rebase(nowMs);
          paused = true;
          playAtMs = Double.NaN;
        }
        case PlayerCommand.Play p -> {
          rebase(nowMs);
          paused = false;
        }
        case PlayerCommand.PlayAt p -> playAtMs = p.serverTimeMs();
        case PlayerCommand.Seek s -> {
          rebase(nowMs);
          pendingJumps.clear();
          rate = requestedRate;
          if (!unseekable) position = s.positionMs();
          seekingUntilMs = nowMs + seekLatencyMs;
          movingFromMs = seekingUntilMs;
        }
        case PlayerCommand.SetRate r -> {
          rebase(nowMs);
          requestedRate = r.rate();
          if (!paused && r.rate() != rate && jumpDelayMs > 0) {
            // Plays on at the old rate until the switch lands, then jumps and runs at the new one.
            pendingJumps.add(new double[] {nowMs + jumpDelayMs, jump(rate, r.rate()), r.rate()});
          } else {
            if (!paused && r.rate() != rate) position += jump(rate, r.rate());
            rate = r.rate();
          }
        }
      }
    }
  }

  private double jump(double from, double to) {
    if (switchJumpsByKind == null) return switchJumpMs;
    if (from == 1.0) return to > 1.0 ? switchJumpsByKind[0] : switchJumpsByKind[2];
    if (to == 1.0) return from > 1.0 ? switchJumpsByKind[1] : switchJumpsByKind[3];
    return 0;
  }

  List<PlayerCommand> applied() {
    return applied;
  }

  private void settle(double nowMs) {
    while (!pendingJumps.isEmpty() && pendingJumps.getFirst()[0] <= nowMs) {
      double[] due = pendingJumps.removeFirst();
      rebase(due[0]);
      position += due[1];
      rate = due[2];
    }
    if (!Double.isNaN(playAtMs) && playAtMs <= nowMs) {
      rebase(playAtMs);
      paused = false;
      playAtMs = Double.NaN;
    }
  }

  private void rebase(double atMs) {
    double p = paused || atMs <= movingFromMs ? position : position + (atMs - movingFromMs) * rate;
    position = p;
    movingFromMs = Math.max(atMs, Math.max(movingFromMs, seekingUntilMs));
  }
}
