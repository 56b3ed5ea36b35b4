package dev.cowatch.server.syncplay;

import java.util.ArrayDeque;
import java.util.function.Consumer;

/**
 * Chat lines for one client, held until its player is up: Syncplay 1.6.9's client fails on a chat line
 * that arrives before it has a player (client.py showChatMessage reads the player's OSD support) and
 * drops the connection. Its "Set file" says the player is up; a client that opens no file gets them
 * {@link #HOLD_MS} after joining. Not thread-safe: one connection's loop owns it.
 */
final class HeldChat {
  /** How long chat waits for a client that says nothing of its player. */
  static final long HOLD_MS = 5_000;
  /** Lines held at most; older ones are dropped (the person was not there to read them anyway). */
  static final int MAX_HELD = 50;

  private final ArrayDeque<String> held = new ArrayDeque<>();
  private final Consumer<String> out;
  private final long joinedAtMs;
  private boolean playerUp;

  HeldChat(Consumer<String> out, long joinedAtMs) {
    this.out = out;
    this.joinedAtMs = joinedAtMs;
  }

  void send(String line) {
    if (playerUp) {
      out.accept(line);
      return;
    }
    if (held.size() == MAX_HELD) held.removeFirst();
    held.addLast(line);
  }

  /** The client's player is up: what was held goes out, in order. */
  void playerUp() {
    if (playerUp) return;
    playerUp = true;
    while (!held.isEmpty()) out.accept(held.removeFirst());
  }

  /** A tick at {@code nowMs}: a client that never said its player is up gets its lines after the hold. */
  void tick(long nowMs) {
    if (!playerUp && nowMs - joinedAtMs > HOLD_MS) playerUp();
  }
}
