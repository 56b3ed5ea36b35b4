package dev.cowatch.client;

import dev.cowatch.core.room.Intent;
import dev.cowatch.core.room.Timeline;

/**
 * What decides, while the room plays on its peers (docs/protocol.md 3.12), which of the server's
 * timelines this client plays and where its intents and chat lines go. Without one the client follows
 * the server alone. {@code dev.cowatch.client.peer.PeerSync} is the one there is.
 *
 * <p>Called on the transport's thread (server timelines) or the caller's (intents, chat), never under
 * a lock of the client's.
 */
public interface PeerSteering {
  /** What the client does with a timeline from the server. */
  enum Verdict {
    /** As usual: apply it if newer (a join's snapshot always). */
    NORMAL,
    /** Peer mode is over: apply it as it is, whatever its version. */
    REPLACE,
    /** Keep playing the peers' timeline. */
    HOLD
  }

  /** A timeline from the server; {@code joined}: it came with a (re)join's snapshot. */
  Verdict serverTimeline(Timeline timeline, boolean joined);

  /** An intent of this member's; true when the peers took it and the server must not get it. */
  boolean intent(Intent.Control intent);

  /** A chat line of this member's; true when the peers took it (the server is lost). */
  boolean chat(String text);
}
