package dev.cowatch.server.media;

import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Passes on exactly {@code length} bytes and fails the read that would prove otherwise: an end
 * before {@code length} bytes, or one more byte after them (checked on the read that delivers the
 * last byte, so a store that stops reading at {@code length} still learns of it before it commits).
 * Never closes the stream it wraps.
 */
public final class ExactLengthInputStream extends FilterInputStream {
  private final long length;
  private long remaining;

  public ExactLengthInputStream(InputStream in, long length) {
    super(in);
    if (length < 0) throw new IllegalArgumentException("length must not be negative");
    this.length = length;
    this.remaining = length;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) return 0;
    if (remaining == 0) {
      checkEnd();
      return -1;
    }
    int n = in.read(b, off, (int) Math.min(len, remaining));
    if (n < 0) throw new EOFException("the stream ended after " + (length - remaining) + " of " + length + " bytes");
    remaining -= n;
    if (remaining == 0) checkEnd();
    return n;
  }

  private void checkEnd() throws IOException {
    if (in.read() >= 0) throw new IOException("the stream has more than the declared " + length + " bytes");
  }

  @Override
  public long skip(long n) throws IOException {
    throw new IOException("skipping is not supported");
  }

  @Override
  public int available() throws IOException {
    return (int) Math.min(in.available(), remaining);
  }

  @Override
  public boolean markSupported() {
    return false;
  }

  @Override
  public void close() {
    // the caller owns the wrapped stream
  }
}
