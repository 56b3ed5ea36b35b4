package dev.cowatch.core.peer;

import dev.cowatch.core.room.PlaybackState;
import dev.cowatch.core.room.Timeline;
import java.util.Optional;
import java.util.function.BiPredicate;

/**
 * Whether a member follows the server or its peers, and the hand-over between the two
 * (docs/protocol.md 3.12). Pure: the caller feeds it what happened and does what it answers. The web
 * app's twin is {@code web/src/p2p/peerMode.ts}; the shared vectors
 * {@code core/src/test/resources/sync/peer-mode-vectors.json} hold both to the same rules.
 *
 * <ul>
 *   <li>{@link Mode#SERVER}: the server decides; peer timelines are ignored.
 *   <li>{@link Mode#PEERS}: the server is lost; the member plays the peers' timeline (its versions grow
 *       from {@link #base()}, the server version the partition started from).
 *   <li>{@link Mode#RETURNING}: the member reached the server again, the room had not moved there, and
 *       the peers' timeline is being handed back: it keeps playing that timeline until the server sends
 *       one newer than the base (the hand-back's, or the server's own if the hand-back was refused).
 * </ul>
 *
 * <p>Not thread-safe: the caller confines it to one thread or synchronizes every call.
 */
public final class PeerMode {
  public enum Mode { SERVER, PEERS, RETURNING }

  /** What to do with a timeline from the server. */
  public enum ServerVerdict {
    /** As usual: apply it if newer. */
    NORMAL,
    /** Peer mode is over: take it as it is, even if its version is lower than the peer timeline's. */
    REPLACE,
    /** Ignore it: the peers' timeline is still the one to play. */
    HOLD
  }

  /**
   * The {@code handBack} message for the server (docs/protocol.md 4.12), without its {@code ref}:
   * {@code version} is the base, the rest the peers' timeline.
   */
  public record HandBack(long version, String mediaId, PlaybackState state, long anchorPositionMs, long anchorTimeMs,
      double rate) {}

  private final BiPredicate<String, String> senior;
  private Mode mode = Mode.SERVER;
  private long base;
  private Timeline timeline;
  private String by = "";

  /** Equal versions go to the decider whose id sorts first. */
  public PeerMode() {
    this((a, b) -> a.compareTo(b) < 0);
  }

  /** {@code senior.test(a, b)}: member {@code a} comes before {@code b} in the authority order (ties of equal versions go to it). */
  public PeerMode(BiPredicate<String, String> senior) {
    this.senior = senior;
  }

  public Mode mode() {
    return mode;
  }

  /** The server version the peers started from. */
  public long base() {
    return base;
  }

  /** The timeline the peers play (meaningful outside {@link Mode#SERVER}); empty before the server was ever lost. */
  public Optional<Timeline> timeline() {
    return Optional.ofNullable(timeline);
  }

  /** Who decided the peers' timeline: a member id, or "" for the server's own last timeline. */
  public String by() {
    return by;
  }

  /** The server is lost: from now on the peers' timeline, starting from the server's last (null: none yet, nothing happens). */
  public void lose(Timeline lastServerTimeline) {
    if (mode != Mode.SERVER || lastServerTimeline == null) return;
    mode = Mode.PEERS;
    base = lastServerTimeline.version();
    timeline = lastServerTimeline;
    by = "";
  }

  /**
   * A peer timeline (decided by {@code by}, grown from server version {@code base}), from the acting
   * authority or from any peer that knows a newer one; true when it is the one to play now (see {@link #newer}).
   */
  public boolean peerTimeline(Timeline t, long base, String by) {
    if (mode != Mode.PEERS || !newer(t, base, by)) return false;
    this.base = base;
    this.timeline = t;
    this.by = by;
    return true;
  }

  /**
   * Whether (t, base, by) comes after what this member plays now: a later base (that peer saw a later
   * server timeline), then a higher version, then, for equal versions (two authorities one after the
   * other, the second deciding before it heard of the first's decision), the more senior decider; so
   * every member of a partition ends up on the same timeline.
   */
  public boolean newer(Timeline t, long base, String by) {
    if (timeline == null || base != this.base) return timeline == null || base > this.base;
    if (t.version() != timeline.version()) return t.version() > timeline.version();
    return !by.equals(this.by) && !by.isEmpty() && (this.by.isEmpty() || senior.test(by, this.by));
  }

  /** The peers changed something since the server was lost (else there is nothing to hand back). */
  public boolean changed() {
    return mode != Mode.SERVER && timeline != null && timeline.version() != base;
  }

  /**
   * This member joined the server again; {@code place} is its index in the authority order (-1: may
   * not control). {@link PeerAuthority.Return.FollowServer} ends peer mode: the caller takes the
   * server's timeline as it is.
   */
  public PeerAuthority.Return serverJoined(Timeline serverTimeline, int place) {
    if (mode == Mode.SERVER) return new PeerAuthority.Return.FollowServer();
    PeerAuthority.Return plan = changed()
        ? PeerAuthority.onServerBack(base, serverTimeline.version(), place)
        : new PeerAuthority.Return.FollowServer();
    mode = plan instanceof PeerAuthority.Return.FollowServer ? Mode.SERVER : Mode.RETURNING;
    return plan;
  }

  /** A timeline from the server (a broadcast, or the one a {@code conflict} carries). */
  public ServerVerdict serverTimeline(Timeline t) {
    if (mode == Mode.SERVER) return ServerVerdict.NORMAL;
    if (mode == Mode.PEERS) return ServerVerdict.HOLD; // a late message from the connection that was lost
    if (t.version() <= base) return ServerVerdict.HOLD;
    mode = Mode.SERVER;
    return ServerVerdict.REPLACE;
  }

  /**
   * Nobody handed back in time (docs/protocol.md 3.12: 3 steps after the last turn): peer mode ends,
   * and the caller takes the server's timeline as it is.
   */
  public void giveUp() {
    mode = Mode.SERVER;
  }

  /** The {@code handBack} message for the server, while returning with something to hand back. */
  public Optional<HandBack> handBack() {
    Timeline t = timeline;
    if (mode != Mode.RETURNING || t == null || !changed() || t.mediaId() == null || t.mediaId().isEmpty()
        || t.state() == PlaybackState.WAITING) {
      return Optional.empty();
    }
    return Optional.of(new HandBack(base, t.mediaId(), t.state(), t.anchorPositionMs(), t.anchorTimeMs(), t.rate()));
  }
}
