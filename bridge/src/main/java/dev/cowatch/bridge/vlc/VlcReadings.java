package dev.cowatch.bridge.vlc;

import dev.cowatch.client.PlayerEvent;
import dev.cowatch.core.sync.PlayerView;
import java.util.ArrayList;
import java.util.List;

/**
 * VLC's polled readings turned into player events: the state (playing/paused), the rate, and a jump
 * of the position (a seek). VLC pushes nothing, so a person's seek is only seen as a position that is
 * not where the last readings said it would be; what else moves VLC's position by itself (our own
 * seeks, catching up after a stall of a loaded machine) must not look like a person's seek, or the
 * bridge tells the room about a gesture nobody made. Pure; not thread-safe (its owner locks).
 */
final class VlcReadings {
  /** A reading further than this from where the last one predicted is a seek (someone's or ours). */
  static final double JUMP_MS = 400;
  /** Our seek has landed when a reading is this close to its target (or, playing, to where the target has played on to). */
  static final double LANDED_MS = 250;
  /**
   * A seek of ours that has not landed by then is reported from where VLC is. Shorter than the time
   * the sync loop waits for a command's event (EchoGuard, 2 s), so even that report is taken for ours.
   */
  static final double SEEK_GIVE_UP_MS = 1_500;

  /** One reading of VLC's status, taken at {@code atMs} on the local clock. */
  record Reading(double positionMs, boolean playing, double rate, double atMs) {}

  private final VlcClock clock = new VlcClock();
  private boolean read;
  private boolean paused = true;
  private double rate = 1;
  private double seekTargetMs = Double.NaN;
  private double seekSinceMs;

  /** We told VLC to seek to {@code targetMs}: the jump it makes is ours. */
  void seekSent(double targetMs, double atMs) {
    seekTargetMs = targetMs;
    seekSinceMs = atMs;
  }

  /** Where VLC is at {@code nowMs}; seeking until the first reading and while a seek of ours is under way. */
  PlayerView view(double nowMs) {
    boolean seeking = !Double.isNaN(seekTargetMs) || !read;
    return new PlayerView(paused, seeking, read ? clock.positionAt(nowMs) : 0, rate, nowMs);
  }

  /** Takes a reading; returns what changed since the last one, as events. */
  List<PlayerEvent> feed(Reading r) {
    List<PlayerEvent> events = new ArrayList<>(2);
    double predicted = clock.positionAt(r.atMs());
    double playedOn = clock.playedOnAt(r.atMs());
    boolean wasRead = read;
    boolean stepped = clock.feed(r.positionMs(), r.atMs(), r.playing(), r.rate());
    read = true;
    boolean nowPaused = !r.playing();
    if (wasRead && nowPaused != paused) {
      events.add(new PlayerEvent(nowPaused ? PlayerEvent.Kind.PAUSE : PlayerEvent.Kind.PLAY, r.positionMs(), r.rate(), r.atMs()));
    }
    if (wasRead && Math.abs(r.rate() - rate) > 1e-4) {
      events.add(new PlayerEvent(PlayerEvent.Kind.RATE_CHANGE, r.positionMs(), r.rate(), r.atMs()));
    }
    if (!Double.isNaN(seekTargetMs)) {
      if (landed(r) || r.atMs() - seekSinceMs > SEEK_GIVE_UP_MS) {
        seekTargetMs = Double.NaN;
        events.add(new PlayerEvent(PlayerEvent.Kind.SEEKED, r.positionMs(), r.rate(), r.atMs()));
      }
    } else if (wasRead && stepped && Math.abs(r.positionMs() - predicted) > JUMP_MS
        && Math.abs(r.positionMs() - playedOn) > LANDED_MS) {
      // Not where it was heading, nor where it would be had it played on through a stall: a person's seek.
      events.add(new PlayerEvent(PlayerEvent.Kind.SEEKED, r.positionMs(), r.rate(), r.atMs()));
    }
    paused = nowPaused;
    rate = r.rate();
    return events;
  }

  /** Near the target, or near where the target has played on to since the seek was sent. */
  private boolean landed(Reading r) {
    if (Math.abs(r.positionMs() - seekTargetMs) <= LANDED_MS) return true;
    if (!r.playing()) return false;
    double playedSince = Math.max(0, r.atMs() - seekSinceMs) * r.rate();
    return r.positionMs() >= seekTargetMs - LANDED_MS && r.positionMs() <= seekTargetMs + playedSince + LANDED_MS;
  }
}
