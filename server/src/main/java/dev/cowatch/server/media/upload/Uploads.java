package dev.cowatch.server.media.upload;

import dev.cowatch.core.room.UserId;
import dev.cowatch.server.account.Identity;
import dev.cowatch.server.media.MediaItem;
import dev.cowatch.server.media.MediaLibrary;
import dev.cowatch.server.media.MediaRef;
import dev.cowatch.server.media.MediaRepository;
import dev.cowatch.server.media.MediaStatus;
import dev.cowatch.server.media.probe.MediaTools;
import dev.cowatch.server.platform.Refusal;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resumable uploads (the application side of tus 1.0.0): an upload is a media item in status {@code uploading}
 * from its creation, its bytes staged in {@link UploadStaging} and appended in order, its offset recorded in the
 * item. When the last byte arrives the file's SHA-256 is checked against the declared one and the item goes to the
 * {@link MediaProcessor}. Only the uploader sees an upload (anyone else gets 404).
 *
 * <p>Limits: the largest file and each identity's quota are checked at creation, before a byte is sent; a PATCH
 * may not pass the declared length. An unfinished upload expires {@code expiry} after its last bytes arrived and
 * {@link #sweep} removes it. One PATCH per upload at a time (a per-upload lock; another gets 409 {@code
 * upload-busy}); creations are serialized so two cannot both pass the quota.
 */
public final class Uploads {
  private static final Logger log = LoggerFactory.getLogger(Uploads.class);
  /** How long a DELETE waits for a PATCH of the same upload to end (a client that just cut it off). */
  private static final Duration TERMINATE_PATIENCE = Duration.ofSeconds(5);
  private static final int SWEEP_BATCH = 500;

  private final MediaRepository items;
  private final MediaLibrary library;
  private final UploadStaging staging;
  private final MediaProcessor processor;
  private final Clock clock;
  private final Supplier<String> ids;
  private final long quotaBytes;
  private final long guestQuotaBytes;
  private final Duration expiry;
  private final ReentrantLock creating = new ReentrantLock();
  private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();

  public Uploads(MediaRepository items, MediaLibrary library, UploadStaging staging, MediaProcessor processor,
      Clock clock, Supplier<String> ids, long quotaBytes, long guestQuotaBytes, Duration expiry) {
    this.items = items;
    this.library = library;
    this.staging = staging;
    this.processor = processor;
    this.clock = clock;
    this.ids = ids;
    this.quotaBytes = quotaBytes;
    this.guestQuotaBytes = guestQuotaBytes;
    this.expiry = expiry;
  }

  /** What {@code GET /api/media/limits} tells an uploader before starting. */
  public record Limits(long maxFileBytes, long quotaBytes, long usedBytes, MediaTools.Status tools) {}

  public Limits limits(Identity who) {
    return new Limits(library.maxBytes(), quotaOf(who), items.bytesHeldBy(who.userId()), processor.tools());
  }

  /** Guests are free to make, so they hold less than accounts (see {@code MediaConfig.DEFAULT_GUEST_QUOTA_BYTES}). */
  private long quotaOf(Identity who) {
    return who.isGuest() ? guestQuotaBytes : quotaBytes;
  }

  /** How far the item's processing has come, while it runs. */
  public OptionalDouble progress(String mediaId) {
    return processor.progress(mediaId);
  }

  public long maxBytes() {
    return library.maxBytes();
  }

  /**
   * A new upload: refused before any byte is sent when the file is too large or would pass the quota, or when the
   * server takes no uploads from guests and {@code who} is one.
   */
  public MediaItem create(Identity who, UploadDeclaration d) throws IOException {
    UserId owner = who.userId();
    long quota = quotaOf(who);
    if (quota == 0) {
      throw new Refusal(Refusal.Kind.FORBIDDEN, "guest-uploads-off", "this server takes uploads only from accounts; "
          + "sign up (your guest name and rooms come along) to upload");
    }
    if (d.length() > library.maxBytes()) {
      throw new Refusal(Refusal.Kind.TOO_LARGE, "media-too-large", "a file may be at most " + library.maxBytes()
          + " bytes; this one has " + d.length());
    }
    long now = clock.millis();
    MediaItem item;
    creating.lock();
    try {
      long used = items.bytesHeldBy(owner);
      long left = Math.max(0, quota - used);
      if (d.length() > left) {
        throw new Refusal(Refusal.Kind.TOO_LARGE, "quota-exceeded", "this file has " + d.length() + " bytes but only "
            + left + " of your " + quota + " bytes are left; delete something from your library first"
            + (who.isGuest() ? ", or sign up: accounts hold " + quotaBytes + " bytes" : ""));
      }
      item = MediaItem.uploading(ids.get(), owner, d.title(), d.fileName(), d.length(), d.contentType(),
          new MediaItem.Upload(d.sha256(), now + expiry.toMillis()), now);
      items.insert(item);
    } finally {
      creating.unlock();
    }
    try {
      staging.create(item.id());
    } catch (IOException | RuntimeException e) {
      items.delete(item.id());
      throw e;
    }
    log.info("upload created id={} owner={} bytes={}", item.id(), owner, d.length());
    return item;
  }

  /** The caller's upload as it stands (HEAD): any status, so a client that lost the last answer sees it is done. */
  public MediaItem status(UserId who, String id) throws IOException {
    MediaItem item = own(who, id);
    if (item.status() == MediaStatus.UPLOADING && expired(item)) throw expiredRefusal();
    if (item.status() == MediaStatus.UPLOADING && item.receivedBytes() == item.sizeBytes()) {
      // Every byte was recorded but the server stopped before completing it; a client seeing Upload-Offset =
      // Upload-Length sends nothing more, so complete it now.
      return append(who, id, item.sizeBytes(), 0, InputStream.nullInputStream());
    }
    return item;
  }

  /**
   * Appends the body at {@code offset}; {@code chunkLength} is the body's declared length, or -1 when it is sent
   * without one. Returns the item afterwards ({@code processing} when this was its last byte). A body that breaks
   * off keeps what arrived.
   */
  public MediaItem append(UserId who, String id, long offset, long chunkLength, InputStream body) throws IOException {
    own(who, id);
    ReentrantLock lock = locks.computeIfAbsent(id, k -> new ReentrantLock());
    if (!lock.tryLock()) {
      throw new Refusal(Refusal.Kind.CONFLICT, "upload-busy", "another PATCH of this upload is still running; "
          + "ask HEAD for the offset and try again in a moment");
    }
    try {
      MediaItem item = own(who, id);
      if (item.status() != MediaStatus.UPLOADING) {
        if (offset == item.sizeBytes() && chunkLength <= 0) return item;
        throw new Refusal(Refusal.Kind.CONFLICT, "upload-complete", "every byte of this upload has arrived already");
      }
      if (expired(item)) {
        discard(item);
        throw expiredRefusal();
      }
      long at = staging.settle(id, item.receivedBytes());
      if (at != item.receivedBytes()) items.updateReceived(id, at, item.upload().expiresAt());
      if (offset != at) {
        throw new Refusal(Refusal.Kind.CONFLICT, "offset-mismatch", "the upload is at byte " + at + ", not " + offset
            + "; ask HEAD for Upload-Offset and send from there");
      }
      long left = item.sizeBytes() - at;
      if (chunkLength > left) throw tooLong(chunkLength, left);
      long expiresAt = clock.millis() + expiry.toMillis();
      UploadStaging.Appended appended;
      try {
        appended = staging.append(id, at, body, left, reached -> items.updateReceived(id, reached, expiresAt));
      } catch (UploadStaging.DiskFullException e) {
        log.error("upload {} stopped at byte {}: the upload directory's disk is full", id, e.offset());
        throw new Refusal(Refusal.Kind.INSUFFICIENT_STORAGE, "insufficient-storage", "the server has no room for "
            + "more bytes now; the upload keeps its first " + e.offset() + " bytes and can resume from there later");
      }
      if (appended.abandoned()) {
        staging.delete(id);
        throw notFound(id);
      }
      if (appended.tooLong()) throw tooLong(-1, left);
      if (appended.offset() < item.sizeBytes()) return own(who, id);
      return complete(item, lock);
    } finally {
      lock.unlock();
    }
  }

  /** The last byte is in: the checksum decides between processing and discarding everything. */
  private MediaItem complete(MediaItem item, ReentrantLock lock) throws IOException {
    String id = item.id();
    String actual = staging.sha256(id, item.sizeBytes());
    String expected = item.upload().expectedSha256();
    if (expected != null && !expected.equals(actual)) {
      discard(item);
      locks.remove(id, lock);
      log.info("upload discarded id={}: SHA-256 {} instead of {}", id, actual, expected);
      throw new Refusal(Refusal.Kind.CHECKSUM_MISMATCH, "checksum-mismatch", "the file that arrived has SHA-256 "
          + actual + ", not the declared " + expected + "; the upload was discarded, please upload it again");
    }
    // Read again: the owner may have renamed it while the bytes were arriving.
    MediaItem current = items.find(id).orElseThrow(() -> notFound(id));
    MediaItem done = current.completed(actual, clock.millis());
    if (!items.update(done)) throw notFound(id);
    locks.remove(id, lock);
    log.info("upload complete id={} bytes={}", id, item.sizeBytes());
    processor.submit(id);
    return done;
  }

  /** Termination (tus DELETE): the partial file and the item go; waits a moment for a PATCH still running. */
  public void terminate(UserId who, String id) {
    own(who, id);
    ReentrantLock lock = locks.computeIfAbsent(id, k -> new ReentrantLock());
    try {
      if (!lock.tryLock(TERMINATE_PATIENCE.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new Refusal(Refusal.Kind.CONFLICT, "upload-busy", "a PATCH of this upload is still running; "
            + "try again in a moment");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Refusal(Refusal.Kind.CONFLICT, "upload-busy", "interrupted while waiting for a running PATCH");
    }
    try {
      library.delete(who, id);
      locks.remove(id, lock);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Removes expired uploads (staged file and item) and staged files nobody needs any more; returns how many uploads
   * expired. Uploads with a PATCH running are left for the next sweep.
   */
  public int sweep() {
    int expired = 0;
    for (MediaItem stale : items.uploadsExpiredBy(clock.millis(), SWEEP_BATCH)) {
      ReentrantLock lock = locks.computeIfAbsent(stale.id(), k -> new ReentrantLock());
      if (!lock.tryLock()) continue;
      try {
        Optional<MediaItem> item = items.find(stale.id());
        if (item.isPresent() && item.get().status() == MediaStatus.UPLOADING && expired(item.get())) {
          discard(item.get());
          expired++;
          log.info("upload expired id={} received={} of {}", stale.id(), stale.receivedBytes(), stale.sizeBytes());
        }
        locks.remove(stale.id(), lock);
      } catch (IOException e) {
        log.warn("could not remove expired upload {}: {}", stale.id(), e.toString());
      } finally {
        lock.unlock();
      }
    }
    try {
      List<String> staged = staging.ids();
      for (String id : staged) {
        Optional<MediaItem> item = items.find(id);
        boolean needed = item.isPresent() && (item.get().status() == MediaStatus.UPLOADING
            || item.get().status() == MediaStatus.PROCESSING);
        if (!needed && staging.delete(id)) log.info("removed the leftover upload file of {}", id);
      }
    } catch (IOException e) {
      log.warn("could not sweep the upload directory: {}", e.toString());
    }
    return expired;
  }

  /** Everything of an upload that will not complete: staged file, anything stored, the item. */
  private void discard(MediaItem item) throws IOException {
    staging.delete(item.id());
    try {
      library.delete(item.ownerId(), item.id());
    } catch (Refusal e) {
      // deleted meanwhile
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  private boolean expired(MediaItem item) {
    return item.upload() != null && item.upload().expiresAt() <= clock.millis();
  }

  /** The caller's own item; 404 for anyone else's, so upload ids cannot be probed. */
  private MediaItem own(UserId who, String id) {
    if (!MediaRef.isValidId(id)) throw notFound(String.valueOf(id));
    MediaItem item = items.find(id).orElseThrow(() -> notFound(id));
    if (!item.ownerId().equals(who)) throw notFound(id);
    return item;
  }

  private static Refusal notFound(String id) {
    return new Refusal(Refusal.Kind.NOT_FOUND, "upload-not-found", "no upload '" + id + "'");
  }

  private static Refusal expiredRefusal() {
    return new Refusal(Refusal.Kind.GONE, "upload-expired", "this upload was not finished in time and has expired; "
        + "start it again");
  }

  private static Refusal tooLong(long sent, long left) {
    return new Refusal(Refusal.Kind.TOO_LARGE, "upload-too-long", "this PATCH has " + (sent >= 0 ? sent + " bytes" : "more bytes") + " but only " + left
        + " are left of the declared Upload-Length; nothing of it was kept");
  }
}
