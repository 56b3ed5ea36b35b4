package dev.cowatch.client;

import dev.cowatch.core.room.Corrections;
import dev.cowatch.protocol.ClientMessage;
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

  Intents(RoomMirror mirror, Outbound out) {
    this.mirror = mirror;
    this.out = out;
  }

  /** Intents that change the timeline sent so far (play, pause, seek, rate, media). */
  long controlSent() {
    return controlSent.get();
  }

  void play() {
    control(new ClientMessage.Play(mirror.version(), null));
  }

  void pause(Long shownPositionMs) {
    control(new ClientMessage.Pause(mirror.version(), shownPositionMs, null));
  }

  void seek(long positionMs) {
    control(new ClientMessage.Seek(mirror.version(), positionMs, null));
  }

  void setRate(double rate) {
    control(new ClientMessage.SetRate(mirror.version(), rate, null));
  }

  void setMedia(String mediaId) {
    control(new ClientMessage.SetMedia(mirror.version(), mediaId, null));
  }

  void buffering() {
    out.send(new ClientMessage.Buffering(mirror.version(), null));
  }

  void ready() {
    out.send(new ClientMessage.Ready(mirror.version(), null));
  }

  /** Corrections go only when there are some: a report without them is the common case, and shorter. */
  void report(double driftMs, double rttMs, Corrections corrections) {
    boolean any = corrections.nudges() > 0 || corrections.seeks() > 0;
    out.send(any ? new ClientMessage.Report(driftMs, rttMs, (int) corrections.nudges(), (int) corrections.seeks())
        : new ClientMessage.Report(driftMs, rttMs));
  }

  void subtitle(String track) {
    out.send(new ClientMessage.Subtitle(track, null));
  }

  void chat(String text) {
    out.send(new ClientMessage.Chat(text, null));
  }

  // Counted whether or not a connection took it: PlayerSync compares the count around a player event
  // to know the person's gesture became an intent.
  private void control(ClientMessage message) {
    controlSent.incrementAndGet();
    out.send(message);
  }
}
