package dev.cowatch.server.media.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Read-only memory mappings of whole files, one per file, shared by every request that streams it and
 * kept for the {@code maxFiles} files used last. Mapping per request (8 MiB at a time) cost most of
 * the streaming time under many concurrent Range requests: every map and every unmap (when the GC
 * frees a buffer) takes the process's address-space lock and flushes TLBs on every core, and every
 * fresh mapping faults its pages in again (bench/run media,
 * docs/performance-history.md#media-streaming-against-nginx-benchrun-media). A shared mapping faults each
 * page in once.
 *
 * <p>Java unmaps a buffer only when the GC frees it, so a forgotten or evicted file keeps its mapping
 * (and a deleted file its disk blocks) until the next collection that finds it unreachable, as the
 * per-request mappings did. Thread-safe; the lock guards the table only, never a mapping or I/O.
 */
final class MappedFiles {
  /** A MappedByteBuffer is int-indexed: larger files are mapped in segments of this size. */
  static final long SEGMENT = 1L << 30;

  /**
   * A file's mapping, for the file identified by {@code fileKey} (its inode) when it had {@code size}
   * bytes, in segments of {@code segmentBytes} (the last may be shorter).
   */
  record Mapping(Object fileKey, long size, long segmentBytes, MappedByteBuffer[] segments) {
    /**
     * A read-only view of at most {@code max} bytes from {@code offset}, never crossing a segment:
     * its own position and limit, so concurrent requests do not disturb each other.
     */
    ByteBuffer slice(long offset, int max) {
      if (offset < 0 || offset >= size) throw new IndexOutOfBoundsException("offset " + offset + " of " + size);
      int segment = (int) (offset / segmentBytes);
      int at = (int) (offset % segmentBytes);
      MappedByteBuffer s = segments[segment];
      return s.slice(at, Math.min(max, s.capacity() - at)).asReadOnlyBuffer();
    }
  }

  private final int maxFiles;
  private final long segmentBytes;
  private final ReentrantLock lock = new ReentrantLock();
  /** In access order: the first is the one used longest ago. */
  private final Map<Path, Mapping> mappings = new LinkedHashMap<>(16, 0.75f, true);

  MappedFiles(int maxFiles) {
    this(maxFiles, SEGMENT);
  }

  /** With segments of {@code segmentBytes}: tests split small files. */
  MappedFiles(int maxFiles, long segmentBytes) {
    if (maxFiles < 1) throw new IllegalArgumentException("keep at least one mapping");
    if (segmentBytes < 1 || segmentBytes > Integer.MAX_VALUE) throw new IllegalArgumentException("segments of 1 B - 2 GiB");
    this.maxFiles = maxFiles;
    this.segmentBytes = segmentBytes;
  }

  /**
   * The mapping of {@code path}, whose identity was {@code fileKey} just before {@code channel} was
   * opened on it: the shared one when it is of that file and size, else a new one of {@code channel}
   * (shared from now on when the identity is known).
   */
  Mapping get(Path path, Object fileKey, FileChannel channel) throws IOException {
    long size = channel.size();
    Mapping m = lookup(path);
    if (m != null && m.size() == size && fileKey != null && fileKey.equals(m.fileKey())) return m;
    Mapping fresh = map(channel, fileKey, size);
    if (fileKey != null) remember(path, fresh);
    return fresh;
  }

  /** Drops the mapping of {@code path}: the file was replaced or deleted. */
  void forget(Path path) {
    lock.lock();
    try {
      mappings.remove(path);
    } finally {
      lock.unlock();
    }
  }

  int size() {
    lock.lock();
    try {
      return mappings.size();
    } finally {
      lock.unlock();
    }
  }

  private Mapping lookup(Path path) {
    lock.lock();
    try {
      return mappings.get(path);
    } finally {
      lock.unlock();
    }
  }

  private void remember(Path path, Mapping m) {
    lock.lock();
    try {
      mappings.put(path, m);
      var eldest = mappings.keySet().iterator();
      while (mappings.size() > maxFiles) {
        eldest.next();
        eldest.remove();
      }
    } finally {
      lock.unlock();
    }
  }

  private Mapping map(FileChannel channel, Object fileKey, long size) throws IOException {
    int count = (int) Math.max(1, (size + segmentBytes - 1) / segmentBytes);
    MappedByteBuffer[] segments = new MappedByteBuffer[count];
    for (int i = 0; i < count; i++) {
      long from = i * segmentBytes;
      segments[i] = channel.map(FileChannel.MapMode.READ_ONLY, from, Math.min(segmentBytes, size - from));
    }
    return new Mapping(fileKey, size, segmentBytes, segments);
  }
}
