package dev.cowatch.client;

import dev.cowatch.core.room.Corrections;
import dev.cowatch.core.room.Intent;
import dev.cowatch.protocol.ClientMessage;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What this member asks of the room. Timeline intents carry the version of the newest timeline this
 * client saw, so the room can refuse one made on a stale view (docs/protocol.md). Without a
 * connection a message is dropped, not queued.
 *
 * <p>Threads: any thread; the version is read from the mirror and the counter is atomic.
 */
final class Intents {
  private final RoomMirror mirror;
  private final Outbound out;
  private final AtomicLong controlSent = new AtomicLong();
  /** The last few control intents, for a person (or a test) asking what this client told the room. */
  private final ArrayDeque<Intent.Control> recentControl = new ArrayDeque<>();
  static final int RECENT_KEPT = 16;

  Intents(RoomMirror mirror, Outbound out) {
    this.mirror = mirror;
    this.out = out;
  }

  /** Intents that change the timeline sent so far (play, pause, seek, rate, media). */
  long controlSent() {
    return controlSent.get();
  }

  /** The last {@link #RECENT_KEPT} control intents sent, oldest first. */
  List<Intent.Control> recentControl() {
    synchronized (recentControl) {
      return List.copyOf(recentControl);
    }
  }

  void play() {
    long v = mirror.version();
    control(new Intent.Play(v), new ClientMessage.Play(v, null));
  }

  void pause(Long shownPositionMs) {
    long v = mirror.version();
    control(new Intent.Pause(v, shownPositionMs), new ClientMessage.Pause(v, shownPositionMs, null));
  }

  void seek(long positionMs) {
    long v = mirror.version();
    control(new Intent.Seek(v, positionMs), new ClientMessage.Seek(v, positionMs, null));
  }

  void setRate(double rate) {
    long v = mirror.version();
    control(new Intent.SetRate(v, rate), new ClientMessage.SetRate(v, rate, null));
  }

  void setMedia(String mediaId) {
    long v = mirror.version();
    control(new Intent.SetMedia(v, mediaId), new ClientMessage.SetMedia(v, mediaId, null));
  }

  void buffering() {
    out.send(new ClientMessage.Buffering(mirror.version(), null));
  }

  void ready() {
    out.send(new ClientMessage.Ready(mirror.version(), null));
  }

  /**
   * Corrections and a sound delay go only when there are some: a report without them is the common case, and
   * shorter (an absent sound delay is none).
   */
  void report(double driftMs, double rttMs, Corrections corrections, int soundDelayMs) {
    boolean any = corrections.nudges() > 0 || corrections.seeks() > 0;
    out.send(new ClientMessage.Report(driftMs, rttMs, any ? (int) corrections.nudges() : null,
        any ? (int) corrections.seeks() : null, soundDelayMs != 0 ? soundDelayMs : null));
  }

  void subtitle(String track) {
    out.send(new ClientMessage.Subtitle(track, null));
  }

  void chat(String text) {
    PeerSteering steering = mirror.steering();
    if (steering == null || !steering.chat(text)) out.send(new ClientMessage.Chat(text, null, null));
  }

  /** A line written while the server was lost, handed to it under the id the peers knew it by (also its ref: a refusal names it). */
  boolean chat(String text, String lineId) {
    return out.send(new ClientMessage.Chat(text, lineId, lineId));
  }

  // Counted whether or not a connection took it: PlayerSync compares the count around a player event
  // to know the person's gesture became an intent.
  // While the room plays on its peers the intent goes to them (PeerSteering) instead of the server.
  private void control(Intent.Control intent, ClientMessage message) {
    controlSent.incrementAndGet();
    synchronized (recentControl) {
      if (recentControl.size() == RECENT_KEPT) recentControl.removeFirst();
      recentControl.addLast(intent);
    }
    PeerSteering steering = mirror.steering();
    if (steering == null || !steering.intent(intent)) out.send(message);
  }
}
