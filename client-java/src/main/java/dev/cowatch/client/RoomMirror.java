package dev.cowatch.client;

import dev.cowatch.core.room.Timeline;
import dev.cowatch.protocol.ServerMessage;
import dev.cowatch.protocol.Wire;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * What this client knows of its room: its own member id, the timeline, the members, the room view
 * and the subtitle track. Each server message about them gives the next state; listeners hear of it.
 *
 * <p>Threads: the transport's thread applies messages (one at a time); any thread reads. One lock
 * guards the state; listeners are called outside it.
 */
final class RoomMirror {
  private final List<ClientListener> listeners;
  private final Object lock = new Object();

  // Guarded by lock.
  private String memberId;
  private Timeline timeline;
  private RoomMembers members = RoomMembers.NONE;
  private ServerMessage.RoomView room;
  private String subtitle;
  /** Set once the client plays with peers; consulted outside the lock. */
  private volatile PeerSteering steering;

  RoomMirror(List<ClientListener> listeners) {
    this.listeners = listeners;
  }

  String memberId() {
    synchronized (lock) {
      return memberId;
    }
  }

  Timeline timeline() {
    synchronized (lock) {
      return timeline;
    }
  }

  /** The version intents carry: the newest timeline seen, 0 before the first. */
  long version() {
    Timeline t = timeline();
    return t == null ? 0 : t.version();
  }

  ServerMessage.RoomView room() {
    synchronized (lock) {
      return room;
    }
  }

  String subtitle() {
    synchronized (lock) {
      return subtitle;
    }
  }

  RoomMembers members() {
    synchronized (lock) {
      return members;
    }
  }

  void steer(PeerSteering value) {
    steering = value;
  }

  PeerSteering steering() {
    return steering;
  }

  /**
   * A (re)join's snapshot replaces everything, whatever the versions; only the timeline stays the
   * peers' when they still play it (the hand-back has yet to happen).
   */
  void joined(ServerMessage.Joined j) {
    Timeline fromServer = Wire.timeline(j.room().timeline());
    synchronized (lock) {
      memberId = j.memberId();
      room = j.room();
      members = RoomMembers.joined(j.room());
      subtitle = j.room().subtitle();
    }
    PeerSteering s = steering;
    boolean hold = s != null && s.serverTimeline(fromServer, true) == PeerSteering.Verdict.HOLD;
    synchronized (lock) {
      if (!hold || timeline == null) timeline = fromServer;
    }
    Timeline t = timeline();
    for (ClientListener l : listeners) {
      l.onConnection(true);
      l.onTimeline(t, null);
      l.onPresence(j.room().members());
    }
  }

  /** A timeline from the room; one no newer than ours came late and is ignored. */
  void timeline(ServerMessage.TimelineView view, ServerMessage.CauseView cause) {
    Timeline t = Wire.timeline(view);
    PeerSteering.Verdict verdict = verdict(t);
    if (verdict == PeerSteering.Verdict.HOLD) return;
    synchronized (lock) {
      if (verdict == PeerSteering.Verdict.NORMAL && timeline != null && t.version() <= timeline.version()) return;
      timeline = t;
    }
    for (ClientListener l : listeners) l.onTimeline(t, cause);
  }

  /** The room says this client's version is ahead of it: its view is wrong, take the room's. */
  void resetTimeline(ServerMessage.TimelineView view) {
    Timeline t = Wire.timeline(view);
    if (verdict(t) == PeerSteering.Verdict.HOLD) return;
    adopt(t, null);
  }

  /** A timeline from the peers (or the server's, taken as it is): played whatever its version. */
  void adopt(Timeline t, ServerMessage.CauseView cause) {
    synchronized (lock) {
      timeline = t;
    }
    for (ClientListener l : listeners) l.onTimeline(t, cause);
  }

  private PeerSteering.Verdict verdict(Timeline fromServer) {
    PeerSteering s = steering;
    return s == null ? PeerSteering.Verdict.NORMAL : s.serverTimeline(fromServer, false);
  }

  void presence(ServerMessage.Presence p) {
    onMembers(m -> m.after(p, memberId));
  }

  void presence(ServerMessage.PresenceChanges c) {
    onMembers(m -> m.after(c, memberId));
  }

  void subtitle(ServerMessage.Subtitle s) {
    synchronized (lock) {
      subtitle = s.track();
    }
    for (ClientListener l : listeners) l.onSubtitle(s.track(), s.memberId());
  }

  /** {@code next} runs under the lock, so it may read {@link #memberId}. */
  private void onMembers(UnaryOperator<RoomMembers> next) {
    List<ServerMessage.MemberView> now;
    synchronized (lock) {
      members = next.apply(members);
      now = members.listed();
    }
    for (ClientListener l : listeners) l.onPresence(now);
  }
}
