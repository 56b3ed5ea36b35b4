package dev.cowatch.server.ws;

import java.util.ArrayDeque;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * What still has to be written to one connection, bounded so that a slow client never slows its
 * room. Timeline and presence are state: a newer one replaces an unsent older one. Other messages
 * queue up to a capacity; past it the connection counts as slow. Messages are suppliers so that a
 * pong is stamped when it is really sent.
 */
final class Outbox {
  private final int capacity;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition ready = lock.newCondition();
  private final ArrayDeque<Supplier<String>> queue = new ArrayDeque<>();
  private String timeline;
  private String presence;
  private boolean closed;
  private boolean finishing;

  Outbox(int capacity) {
    this.capacity = capacity;
  }

  /** False when full: the caller closes the connection as a slow consumer. */
  boolean offer(Supplier<String> message) {
    lock.lock();
    try {
      if (closed) return true;
      if (queue.size() >= capacity) return false;
      queue.add(message);
      ready.signal();
      return true;
    } finally {
      lock.unlock();
    }
  }

  void offerTimeline(String json) {
    lock.lock();
    try {
      timeline = json;
      ready.signal();
    } finally {
      lock.unlock();
    }
  }

  void offerPresence(String json) {
    lock.lock();
    try {
      presence = json;
      ready.signal();
    } finally {
      lock.unlock();
    }
  }

  /** Blocks for the next message: queued ones first (joined precedes the broadcasts after it). */
  String take() throws InterruptedException {
    Supplier<String> next;
    lock.lock();
    try {
      while (!closed && !finishing && queue.isEmpty() && timeline == null && presence == null) ready.await();
      if (closed || (finishing && queue.isEmpty())) return null;
      next = queue.poll();
      if (next == null) {
        String state = timeline != null ? timeline : presence;
        if (timeline != null) timeline = null;
        else presence = null;
        return state;
      }
    } finally {
      lock.unlock();
    }
    return next.get();
  }

  /** Sends what is queued, then ends: {@link #take} returns null once the queue is empty. */
  void finish() {
    lock.lock();
    try {
      finishing = true;
      ready.signalAll();
    } finally {
      lock.unlock();
    }
  }

  boolean isFinished() {
    lock.lock();
    try {
      return finishing && queue.isEmpty();
    } finally {
      lock.unlock();
    }
  }

  void close() {
    lock.lock();
    try {
      closed = true;
      ready.signalAll();
    } finally {
      lock.unlock();
    }
  }
}
