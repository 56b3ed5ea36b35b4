package dev.cowatch.server.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;

/**
 * A region of a file as a channel that ends with the region. The HTTP layer recognises it and maps the
 * region instead of copying it through buffers ({@code MediaStream}); anyone else just reads it.
 */
public final class FileRegionChannel implements ReadableByteChannel {
  private final FileChannel file;
  private final long start;
  private final long length;
  private long read;

  FileRegionChannel(FileChannel file, long start, long length) {
    this.file = file;
    this.start = start;
    this.length = length;
  }

  /** The open file; closed with this channel. */
  public FileChannel file() {
    return file;
  }

  public long start() {
    return start;
  }

  public long length() {
    return length;
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
