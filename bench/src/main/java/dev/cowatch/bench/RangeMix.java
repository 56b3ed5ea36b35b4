package dev.cowatch.bench;

import java.util.Random;

/**
 * The Range requests of the media load: what players seeking at random ask for. Most ask for a
 * closed range of 256 KiB - 4 MiB anywhere in the file (a player refilling its buffer after a seek);
 * some ask for everything from a point near the end ({@code bytes=a-}, a player reading the index
 * at the end of an MP4 or seeking to the credits); some ask for the last n bytes ({@code bytes=-n}).
 * Deterministic for a seed, so both servers get the same requests. Not thread-safe: one per client.
 */
final class RangeMix {
  static final long MIN_BYTES = 256 * 1024;
  static final long MAX_BYTES = 4 * 1024 * 1024;
  /** Shares in percent; the rest are closed ranges. */
  static final int OPEN_NEAR_END_PERCENT = 15;
  static final int SUFFIX_PERCENT = 15;

  /** One request: its header value and the bytes it must get back. */
  record Request(String header, long first, long length) {
    /** The Content-Range a 206 answer must carry for a file of {@code size} bytes. */
    String contentRange(long size) {
      return "bytes " + first + "-" + (first + length - 1) + "/" + size;
    }
  }

  private final long size;
  private final Random random;
  private final long min;
  private final long max;

  RangeMix(long size, long seed) {
    if (size < 1) throw new IllegalArgumentException("the file must not be empty");
    this.size = size;
    this.random = new Random(seed);
    // A file smaller than the ranges (the quick run's) is asked for in pieces as large as it allows.
    this.max = Math.min(MAX_BYTES, size);
    this.min = Math.min(MIN_BYTES, max);
  }

  Request next() {
    int kind = random.nextInt(100);
    if (kind < OPEN_NEAR_END_PERCENT) {
      long first = size - random.nextLong(1, max + 1);
      return new Request("bytes=" + first + "-", first, size - first);
    }
    if (kind < OPEN_NEAR_END_PERCENT + SUFFIX_PERCENT) {
      long n = random.nextLong(min, max + 1);
      return new Request("bytes=-" + n, size - n, n);
    }
    long length = random.nextLong(min, max + 1);
    long first = random.nextLong(0, size - length + 1);
    return new Request("bytes=" + first + "-" + (first + length - 1), first, length);
  }
}
