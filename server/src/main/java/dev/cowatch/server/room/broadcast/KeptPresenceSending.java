package dev.cowatch.server.room.broadcast;

import dev.cowatch.core.room.RoomId;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * What both ways of sending presence keep of each room: the last list sent, when, and its member count, which the
 * flush reads to tell a room whose presence is due. Each way keeps its own record of what it sent ({@code S}).
 */
abstract class KeptPresenceSending<S extends KeptPresenceSending.Last> implements PresenceSending {
  /** The part of a record of what was sent that every way keeps. */
  interface Last {
    int count();

    long atMs();
  }

  /** The last presence sent of each room this node has sent one of. */
  protected final ConcurrentMap<RoomId, S> sent = new ConcurrentHashMap<>();

  @Override
  public final long lastSentAtMs(RoomId roomId) {
    S last = sent.get(roomId);
    return last == null ? -1 : last.atMs();
  }

  @Override
  public final int lastSentCount(RoomId roomId) {
    S last = sent.get(roomId);
    return last == null ? 0 : last.count();
  }

  @Override
  public final void forget(RoomId roomId) {
    sent.remove(roomId);
  }
}
