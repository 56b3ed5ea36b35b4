package dev.cowatch.server.chat;

import dev.cowatch.core.room.RoomId;
import java.util.HashMap;
import java.util.Map;

/**
 * How many chat lines a big room's viewers get live, per node: in an audience of thousands, even slow mode lets
 * hundreds of lines a second through, which no one can read and which cost a message to everyone each. Each room's
 * lines pass at {@link #LINES_PER_SECOND} (bursts up to {@link #BURST}); the rest are stored, in the history, and sent
 * to their writer alone, and the room is told once a second how many it did not see. Staff lines always pass.
 */
final class LiveChatGate {
  static final double LINES_PER_SECOND = 10;
  static final double BURST = 20;
  /** Rooms tracked at once: past it a room's lines pass ungated until the next drain (never lost, only not thinned). */
  static final int MAX_ROOMS = 10_000;

  private record Bucket(double tokens, long atMs) {
    /** Its lines in hand at {@code nowMs}: refilled at LINES_PER_SECOND since atMs, never past BURST. */
    double tokensAt(long nowMs) {
      return Math.min(BURST, tokens + Math.max(0, nowMs - atMs) * LINES_PER_SECOND / 1_000);
    }
  }

  private final Map<RoomId, Bucket> buckets = new HashMap<>();
  private Map<RoomId, Integer> skipped = new HashMap<>();

  /** Whether a line of {@code roomId} written at {@code nowMs} goes to everyone now; false: counted as skipped. */
  synchronized boolean pass(RoomId roomId, long nowMs) {
    Bucket b = buckets.get(roomId);
    if (b == null) {
      if (buckets.size() >= MAX_ROOMS) return true;
      b = new Bucket(BURST, nowMs);
    }
    double tokens = b.tokensAt(nowMs);
    boolean pass = tokens >= 1;
    buckets.put(roomId, new Bucket(pass ? tokens - 1 : tokens, nowMs));
    if (!pass) skipped.merge(roomId, 1, Integer::sum);
    return pass;
  }

  /**
   * The lines skipped per room since the last drain, and a fresh count; rooms whose bucket is full again are forgotten
   * (a quiet room costs nothing).
   */
  synchronized Map<RoomId, Integer> drain(long nowMs) {
    Map<RoomId, Integer> out = skipped;
    skipped = new HashMap<>();
    buckets.values().removeIf(b -> b.tokensAt(nowMs) >= BURST);
    return out;
  }
}
