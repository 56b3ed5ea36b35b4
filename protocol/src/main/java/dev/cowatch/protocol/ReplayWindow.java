package dev.cowatch.protocol;

/**
 * The sequence numbers one signer's frames were seen with (docs/protocol.md 3.13): each is taken once,
 * a number more than {@link #WIDTH} below the highest is too old. A window rather than "higher than the
 * last" because relayed frames (chat, a timeline told again) reach a member by more than one path and
 * out of order. Not thread-safe: {@link PeerFrameGate}'s caller confines it.
 */
final class ReplayWindow {
  /** How far below the highest number a frame may still arrive: more than a burst of relays. */
  static final int WIDTH = 64;

  private long highest;
  /** Bit i: {@code highest - i} was seen. */
  private long seen;

  /** True the first time {@code seq} (at least 1) is offered within the window; false for a repeat or one too old. */
  boolean take(long seq) {
    if (seq < 1) return false;
    if (seq > highest) {
      long shift = seq - highest;
      seen = shift >= WIDTH ? 0 : seen << shift;
      seen |= 1;
      highest = seq;
      return true;
    }
    long back = highest - seq;
    if (back >= WIDTH || (seen & (1L << back)) != 0) return false;
    seen |= 1L << back;
    return true;
  }
}
