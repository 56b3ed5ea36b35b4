package dev.cowatch.server.media.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;

/**
 * A region of a file as a channel that ends with the region. The HTTP layer recognises it and sends
 * views of the file's shared memory mapping instead of copying it through buffers ({@link #mapped},
 * {@code MediaStream}); anyone else just reads it. Not thread-safe: one per request.
 */
public final class FileRegionChannel implements ReadableByteChannel {
  /** Supplies the shared mapping of the file, asked for only when the region is sent mapped. */
  interface MappingSource {
    MappedFiles.Mapping get() throws IOException;
  }

  private final FileChannel file;
  private final long start;
  private final long length;
  private final MappingSource mappingSource;
  private MappedFiles.Mapping mapping;
  private long read;

  FileRegionChannel(FileChannel file, long start, long length, MappingSource mappingSource) {
    this.file = file;
    this.start = start;
    this.length = length;
    this.mappingSource = mappingSource;
  }

  public long start() {
    return start;
  }

  public long length() {
    return length;
  }

  /**
   * At most {@code max} bytes of the region from {@code offset} (counted from the region's start) as a
   * read-only view of the file's mapping: the page cache's own bytes, nothing copied. May be shorter
   * than asked where the mapping is split; ask again from where it ends.
   */
  public ByteBuffer mapped(long offset, int max) throws IOException {
    if (offset < 0 || offset >= length || max < 1) {
      throw new IndexOutOfBoundsException("offset " + offset + " (max " + max + ") of a " + length + "-byte region");
    }
    if (!file.isOpen()) throw new ClosedChannelException();
    if (mapping == null) mapping = mappingSource.get();
    return mapping.slice(start + offset, (int) Math.min(max, length - offset));
  }

  @Override
  public int read(ByteBuffer dst) throws IOException {
    if (!file.isOpen()) throw new ClosedChannelException();
    long left = length - read;
    if (left <= 0) return -1;
    ByteBuffer view = dst;
    if (dst.remaining() > left) view = dst.slice().limit((int) left);
    int n = file.read(view, start + read);
    if (n < 0) throw new IOException("the file ended inside the region (was it truncated?)");
    if (view != dst) dst.position(dst.position() + n);
    read += n;
    return n;
  }

  @Override
  public boolean isOpen() {
    return file.isOpen();
  }

  @Override
  public void close() throws IOException {
    file.close();
  }
}
