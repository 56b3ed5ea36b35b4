package dev.cowatch.server.media;

import dev.cowatch.protocol.FileMediaId;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The {@code file:} identity of an upload's original ({@link FileMediaId}: size and SHA-256 of its first and
 * last MiB), so a desktop player of a room that plays {@code media:<id>} can check that the viewer's own copy
 * is the same video without anyone learning the file's name. Computed when processing finishes (from the local
 * copy), and for items that predate it the first time someone asks (two MiB read from the store); kept beside
 * the original as {@code media/<id>/file-id}, so deleting the item removes it with the rest.
 *
 * <p>Thread-safe: two first asks compute the same value and the store replaces objects atomically.
 */
public final class UploadFileIds {
  private final MediaStore store;

  public UploadFileIds(MediaStore store) {
    this.store = store;
  }

  /** Computes the identity from a local copy of the original and keeps it. */
  public FileMediaId record(String mediaId, Path original) throws IOException {
    FileMediaId id = FileMediaId.ofFile(original);
    keep(mediaId, id);
    return id;
  }

  /** The identity of a ready item's original: kept, or computed from the store now and kept. */
  public FileMediaId of(MediaItem item) throws IOException {
    Optional<FileMediaId> kept = kept(item.id());
    if (kept.isPresent() && kept.get().sizeBytes() == item.sizeBytes()) return kept.get();
    String key = MediaKeys.original(item.id());
    long size = store.size(key).orElseThrow(() -> new NoSuchFileException(key));
    FileMediaId id = FileMediaId.ofEnds(size, readStored(key, 0, FileMediaId.headLength(size)),
        readStored(key, FileMediaId.tailOffset(size), FileMediaId.tailLength(size)));
    keep(item.id(), id);
    return id;
  }

  private Optional<FileMediaId> kept(String mediaId) throws IOException {
    String key = MediaKeys.fileId(mediaId);
    if (!store.exists(key)) return Optional.empty();
    // An id is about 90 bytes; anything longer is not one of ours.
    byte[] text = readStored(key, 0, (int) Math.min(store.size(key).orElse(0), 200));
    return FileMediaId.parse(new String(text, StandardCharsets.US_ASCII).strip());
  }

  private void keep(String mediaId, FileMediaId id) throws IOException {
    byte[] text = id.mediaId().getBytes(StandardCharsets.US_ASCII);
    try (InputStream in = new ByteArrayInputStream(text)) {
      store.put(MediaKeys.fileId(mediaId), in, text.length);
    }
  }

  private byte[] readStored(String key, long offset, int length) throws IOException {
    if (length == 0) return new byte[0];
    try (ReadableByteChannel ch = store.open(key, offset, length)) {
      ByteBuffer buf = ByteBuffer.allocate(length);
      while (buf.hasRemaining()) {
        if (ch.read(buf) < 0) throw new IOException("the stored " + key + " ended early");
      }
      return buf.array();
    }
  }
}
