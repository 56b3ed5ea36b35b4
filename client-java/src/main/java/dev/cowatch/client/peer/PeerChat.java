package dev.cowatch.client.peer;

import dev.cowatch.client.CowatchClient;
import dev.cowatch.core.chat.ChatText;
import dev.cowatch.protocol.ServerMessage;
import dev.cowatch.protocol.SyncFrame;
import dev.cowatch.protocol.WireError;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Chat while the server is lost (docs/protocol.md 3.12): this member's lines go to its peers at once
 * and are kept until the server has them; every line seen for the first time is passed on to the other
 * peers; back on the server each author hands in its own lines, paced by the chat rate limit. A line
 * the server refuses is dropped and its refusal reaches the listeners with the line's id as {@code ref}
 * (the Java client's "not delivered"); a rate-limited one is sent again. Kept in memory: the Java
 * client has no page session to outlive. Not thread-safe: {@link PeerSync}'s lock.
 */
final class PeerChat {
  private static final int MAX_SEEN = 10_000;
  private static final int MAX_PENDING = 200;

  private final CowatchClient client;
  private final PeerMesh mesh;
  private final ScheduledExecutorService executor;
  private final Consumer<Runnable> locked;
  private final List<SyncFrame.Chat> pending = new ArrayList<>();
  private final Set<String> seen = new HashSet<>();
  private long localIds = -1;
  private ScheduledFuture<?> next;

  PeerChat(CowatchClient client, PeerMesh mesh, ScheduledExecutorService executor, Consumer<Runnable> locked) {
    this.client = client;
    this.mesh = mesh;
    this.executor = executor;
    this.locked = locked;
  }

  /** A line this member writes on its peers; false when it cannot be taken (empty, too long, too many kept). */
  boolean write(String text, String name) {
    String me = client.memberId();
    // The server's rule (length in characters, no control characters): a line the peers take, it takes too.
    if (me == null || ChatText.problem(text).isPresent() || pending.size() >= MAX_PENDING) return false;
    String trimmed = ChatText.normalize(text);
    SyncFrame.Chat line = new SyncFrame.Chat("l" + PeerSync.newRef(), me, name, trimmed, Math.round(client.serverNowMs()));
    pending.add(line);
    seen.add(line.lineId());
    show(line);
    mesh.broadcast(line, null);
    return true;
  }

  /**
   * A line from a peer: shown and passed on the first time (a peer that cannot reach the author still gets
   * it). {@code line} is as the gate took it, with its author's name from the author's credential;
   * {@code envelope} goes on as it came, signed by its author, so nobody on the way can change it.
   */
  void relay(String from, SyncFrame.Chat line, String envelope) {
    if (seen.size() >= MAX_SEEN || !seen.add(line.lineId())) return;
    show(line);
    mesh.pass(envelope, from);
  }

  /**
   * Back on the server: this member's lines go to it one at a time, the first again until the server has it
   * (it keeps a line id once), and again later while the client is not connected. (The client tells its
   * listeners of a join before it counts as connected: a hand-back that gave up there lost the line.)
   */
  void handBack() {
    if (next != null) next.cancel(false);
    if (pending.isEmpty()) return;
    if (client.isConnected()) {
      SyncFrame.Chat line = pending.getFirst();
      client.chatLine(line.text(), line.lineId());
    }
    next = executor.schedule(() -> locked.accept(this::handBack), PeerSync.HAND_BACK_LINE_MS, TimeUnit.MILLISECONDS);
  }

  /** A line in the server's chat: if it is one of this member's, it is delivered. */
  void delivered(ServerMessage.ChatView line) {
    if (line.lineId() != null && line.id() > 0) pending.removeIf(p -> p.lineId().equals(line.lineId()));
  }

  /** The server refused a handed-back line: kept for later if only rate-limited, else not delivered. */
  void refused(ServerMessage.Error error) {
    if (error.ref() == null || error.code().equals(WireError.RATE_LIMITED.code())) return;
    pending.removeIf(p -> p.lineId().equals(error.ref()));
  }

  private void show(SyncFrame.Chat line) {
    client.tellListeners(new ServerMessage.Chat(new ServerMessage.ChatView(localIds--, line.memberId(), "", line.name(),
        line.text(), Math.round(line.atMs()), "user", null, Map.of(), line.lineId())));
  }
}
