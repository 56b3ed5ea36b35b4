package dev.cowatch.server.media;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.NoSuchFileException;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.net.URI;
import java.time.Duration;

/**
 * Where media bytes live: the original files, posters and derived files, each under a key such as
 * {@code media/<mediaId>/original}. Adapters: a directory on local disk, an S3-compatible bucket.
 *
 * <p>Keys are one or more segments separated by {@code /}; a segment is letters, digits, {@code .},
 * {@code _} and {@code -}, starts with a letter or digit, and is never {@code .} or {@code ..}
 * ({@link MediaKeys#check}). Objects are written whole and never modified in place: a put replaces
 * the object atomically, so a reader sees the old bytes or the new ones, never a mix.
 *
 * <p>Implementations are thread-safe.
 */
public interface MediaStore extends AutoCloseable {

  /**
   * Stores exactly {@code length} bytes read from {@code in} under {@code key}, replacing what was
   * there, and returns their SHA-256 (lower-case hex). Fails, storing nothing and leaving a previous
   * object untouched, when the stream throws, ends before {@code length} bytes or has more. Does not
   * close {@code in}.
   */
  String put(String key, InputStream in, long length) throws IOException;

  /**
   * {@code length} bytes of the object starting at {@code offset}, read lazily: nothing is held in
   * memory beyond a read buffer. The channel ends after {@code length} bytes; close it when done.
   *
   * @throws NoSuchFileException when there is no object under {@code key}
   * @throws IllegalArgumentException when the region is not inside the object
   */
  ReadableByteChannel open(String key, long offset, long length) throws IOException;

  /**
   * A URL anyone holding it may GET the object from for {@code validFor}, answered with {@code contentType},
   * {@code cacheControl} and, unless null, {@code contentDisposition}; empty when the store has none to give (local
   * disk).
   */
  default Optional<URI> signedGet(String key, Duration validFor, String contentType, String cacheControl,
      String contentDisposition) {
    return Optional.empty();
  }

  /** The object's size in bytes, empty when there is no object under {@code key}. */
  OptionalLong size(String key) throws IOException;

  default boolean exists(String key) throws IOException {
    return size(key).isPresent();
  }

  /** Removes the object; true if there was one. Deleting a missing key is not an error. */
  boolean delete(String key) throws IOException;

  /** Every key that starts with {@code prefix} (a plain string prefix, not a pattern), sorted. */
  List<String> list(String prefix) throws IOException;

  /** Where the bytes go, for logs: a directory or a bucket, never a credential. */
  String describe();

  /** Releases clients and connections; the default has none. */
  @Override
  default void close() {}
}
