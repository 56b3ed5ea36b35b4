package dev.cowatch.server.syncplay;

import dev.cowatch.core.room.Intent;
import dev.cowatch.core.room.PlaybackState;
import dev.cowatch.core.room.Timeline;
import java.util.ArrayList;
import java.util.List;

/**
 * The one rule between a Cowatch timeline and Syncplay's playstate (a position in seconds and a pause
 * flag): what a Syncplay client is told, and which intents what it reports becomes. Pure: the time is
 * an argument.
 */
final class SyncplayTimelines {
  private SyncplayTimelines() {}

  /** Syncplay's playstate: position in seconds, paused or not. */
  record PlayState(double positionSeconds, boolean paused) {}

  /**
   * What a client is told at server time {@code nowMs}. A room that waits for buffering members, or has
   * nothing to play, is paused to Syncplay. A play anchored in the future (the room's lead, so that
   * everyone starts together) is told as paused at the anchor's position until the anchor's instant
   * ({@link #startsAtMs}), when the session tells it again: Syncplay's client unpauses its player where
   * it stands and corrects nothing under 1.5 s, so a player told to play early would stay that far ahead
   * or behind. Syncplay's client adds its own measured one-way delay to a playing position (client.py
   * updateGlobalState), so the position is the one at the moment of sending.
   */
  static PlayState toSyncplay(Timeline t, long nowMs) {
    if (paused(t) || nowMs < t.anchorTimeMs()) return new PlayState(t.anchorPositionMs() / 1000.0, true);
    return new PlayState(t.positionAt(nowMs) / 1000.0, false);
  }

  /** The instant a play anchored in the future starts, when it is still to come at {@code nowMs}; else -1. */
  static long startsAtMs(Timeline t, long nowMs) {
    return !paused(t) && nowMs < t.anchorTimeMs() ? t.anchorTimeMs() : -1;
  }

  /** Whether Syncplay sees the room paused: not playing (paused, or waiting for buffering members), or nothing to play. */
  static boolean paused(Timeline t) {
    // A play whose anchor is still to come is not a pause: the person pressed play.
    return t.state() != PlaybackState.PLAYING || !t.hasMedia();
  }

  /**
   * What a client reported: its player's position (seconds) and pause, whether it jumped there
   * ({@code doSeek}), and {@code ageSeconds}, how long the report took to arrive (the measured forward
   * delay). {@code paused} null: the client did not say.
   */
  record Reported(double positionSeconds, Boolean paused, boolean doSeek, double ageSeconds) {
    /** The reported position as of its arrival: a playing player went on while the report travelled. */
    long positionMs() {
      double seconds = positionSeconds + (Boolean.FALSE.equals(paused) ? ageSeconds : 0);
      return Math.max(0, Math.round(seconds * 1000));
    }
  }

  /**
   * The intents a report becomes. {@code toldPaused}: what the client was last told (not the room now: a
   * report that crossed a State on its way is answered by the ignoring counts, and one that crossed the
   * start of an anchored play must not read as a pause); {@code seenVersion}: the timeline version it
   * was last told, which the room's conflict rule judges the intents by. A report that matches (same
   * pause, no jump) is no intent: only a change the person made in their player is.
   */
  static List<Intent> intents(Reported r, boolean toldPaused, long seenVersion) {
    List<Intent> out = new ArrayList<>(2);
    if (r.doSeek()) out.add(new Intent.Seek(seenVersion, r.positionMs()));
    if (r.paused() != null && r.paused() != toldPaused) {
      out.add(r.paused() ? new Intent.Pause(seenVersion, r.positionMs()) : new Intent.Play(seenVersion));
    }
    return out;
  }

  /**
   * How far the client's player is from the room at {@code nowMs}, milliseconds (positive: ahead), or
   * null when the two cannot be compared (one paused and not the other, or nothing playing).
   */
  static Double driftMs(Timeline t, Reported r, long nowMs) {
    PlayState room = toSyncplay(t, nowMs);
    if (r.paused() == null || r.paused() != room.paused()) return null;
    return r.positionMs() - room.positionSeconds() * 1000;
  }
}
