package dev.cowatch.client;

import dev.cowatch.core.room.Timeline;
import dev.cowatch.protocol.ServerMessage;
import java.util.List;

/** What a client hears from its room. Called on the client's network thread: return quickly. */
public interface ClientListener {
  /** A newer timeline; {@code cause} is null when it came with a (re)join snapshot. */
  default void onTimeline(Timeline timeline, ServerMessage.CauseView cause) {}

  default void onPresence(List<ServerMessage.MemberView> members) {}

  default void onError(ServerMessage.Error error) {}

  /** Chat: a new line, a page of history, or a deletion (the other messages of that kind). */
  default void onChat(ServerMessage message) {}

  /** The room's subtitle track changed ({@code track} null: none); {@code memberId} did it. */
  default void onSubtitle(String track, String memberId) {}

  /** Joined (or rejoined) the room, or lost the connection. */
  default void onConnection(boolean connected) {}

  /** Peer-to-peer signaling from another member (docs/protocol.md 3.11). */
  default void onSignal(ServerMessage.Signal signal) {}

  /** The server's answer to {@code peerKey}: this member's peer credential (docs/protocol.md 3.13). */
  default void onPeerCredential(ServerMessage.PeerCredentialIssued credential) {}

  /** A notice of the site's administrators; one with empty text was withdrawn (docs/protocol.md 5.7). */
  default void onNotice(ServerMessage.Notice notice) {}
}
