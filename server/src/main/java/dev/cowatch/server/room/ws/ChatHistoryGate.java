package dev.cowatch.server.room.ws;

import dev.cowatch.server.room.bus.Broadcast;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * Makes a joiner see the chat history first, then only the lines after it, each once.
 *
 * <p>The connection is subscribed to the room before its history is read (a line posted in between must
 * not be lost), so a line may arrive live before the history is sent, and a line already in the history
 * may still arrive live: chat events are held back until the history goes out, and the lines the history
 * had are dropped then and later. So are the held lines older than the page (a full page of the newest lines leaves
 * out lines that came live while the history was read, when more came than a page holds): sent after it, they came
 * out of order (a CI run, 2026-11-28: lines 846 to 857 after a page of 858 to 907), and the client reaches them as
 * it reaches every older line, by asking for the page before. Not a chat event: passes at once.
 *
 * <p>Thread-safe: {@link #pass} runs on the publishers' threads, {@link #open} on the joiner's.
 */
final class ChatHistoryGate {
  private final ReentrantLock lock = new ReentrantLock();
  /** Chat events that came before the history was sent, in order; null once it was. Guarded by the lock. */
  private List<Broadcast> held = new ArrayList<>();
  /** The ids of the lines the history carried (at most one page). Guarded by the lock. */
  private Set<Long> inHistory = Set.of();

  /** Whether to send {@code broadcast} now; false when it is held back or a line the history had. */
  boolean pass(Broadcast broadcast) {
    if (!broadcast.isAboutChat()) return true;
    lock.lock();
    try {
      if (held != null) {
        held.add(broadcast);
        return false;
      }
      return !inHistory.contains(broadcast.chatLine());
    } finally {
      lock.unlock();
    }
  }

  /**
   * Sends the history, then the held events it did not have and that are not older than it ({@code olderBelow}: see
   * {@link RoomChat.Page#olderBelow}), all under the lock so that no live event
   * slips in between. Both callbacks must not block (they queue on the connection's outbox).
   */
  void open(Set<Long> historyIds, long olderBelow, Runnable sendHistory, Consumer<Broadcast> send) {
    lock.lock();
    try {
      if (held == null) throw new IllegalStateException("the history was already sent");
      inHistory = Set.copyOf(historyIds);
      sendHistory.run();
      for (Broadcast b : held) {
        boolean behindThePage = b.chatLine() > 0 && b.chatLine() < olderBelow;
        if (!inHistory.contains(b.chatLine()) && !behindThePage) send.accept(b);
      }
      held = null;
    } finally {
      lock.unlock();
    }
  }
}
