package dev.cowatch.server.media;

import dev.cowatch.core.room.UserId;
import dev.cowatch.server.platform.Refusal;
import dev.cowatch.server.room.media.MediaDescriptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * People's media libraries: the rows in {@link MediaRepository}, the bytes in {@link MediaStore}.
 * Only the owner sees, renames or deletes an item (to anyone else it does not exist: 404); the owner
 * and anyone a share of it reaches ({@link MediaGrants}) may get a signed streaming URL.
 *
 * <p>Thread-safe; holds no locks. Bytes are stored before their row is written and deleted before
 * it is removed, so a failure part-way leaves a row to retry with, never bytes nobody can reach.
 */
public final class MediaLibrary {
  private static final Logger log = LoggerFactory.getLogger(MediaLibrary.class);
  public static final int MAX_LIST = 500;
  private static final Pattern CONTENT_TYPE = Pattern.compile("[a-z0-9][a-z0-9.+-]*/[a-z0-9][a-z0-9.+-]*");

  private final MediaRepository items;
  private final MediaStore store;
  private final MediaUrls urls;
  private final MediaGrants grants;
  private final Clock clock;
  private final Supplier<String> ids;
  private final long maxBytes;
  private final Duration urlLifetime;
  /** Poster URLs in previews expire on whole hours (see {@link #describe}). */
  private static final long POSTER_EXPIRY_STEP_MS = 3_600_000;
  private final Leftovers leftovers;
  private final StreamableItems streamable;

  /**
   * What an item may have outside the store and its row (a staged upload, a running conversion); removed first when
   * the item is deleted, and gone for good when this returns.
   */
  @FunctionalInterface
  public interface Leftovers {
    void discard(String mediaId) throws IOException;
  }

  public MediaLibrary(MediaRepository items, MediaStore store, MediaUrls urls, MediaGrants grants, Clock clock,
      Supplier<String> ids, long maxBytes, Duration urlLifetime) {
    this(items, store, urls, grants, clock, ids, maxBytes, urlLifetime, id -> { });
  }

  public MediaLibrary(MediaRepository items, MediaStore store, MediaUrls urls, MediaGrants grants, Clock clock,
      Supplier<String> ids, long maxBytes, Duration urlLifetime, Leftovers leftovers) {
    this.leftovers = leftovers;
    this.items = items;
    this.store = store;
    this.urls = urls;
    this.grants = grants;
    this.clock = clock;
    this.ids = ids;
    this.maxBytes = maxBytes;
    this.urlLifetime = urlLifetime;
    this.streamable = new StreamableItems(clock);
  }

  public MediaStore store() {
    return store;
  }

  public long maxBytes() {
    return maxBytes;
  }

  /**
   * Stores {@code length} bytes from {@code in} as a new, ready item of {@code owner}. The upload
   * protocol (tus) will replace this for users; today tests and tools import through it.
   */
  public MediaItem importFile(UserId owner, String title, String fileName, String contentType, InputStream in,
      long length) throws IOException {
    String cleanTitle = checkTitle(title);
    String cleanName = fileName(fileName);
    String type = contentType(contentType);
    if (length < 0) throw invalid("length must not be negative");
    if (length > maxBytes) {
      throw new Refusal(Refusal.Kind.TOO_LARGE, "media-too-large", "a file may be at most " + maxBytes
          + " bytes");
    }
    String id = ids.get();
    String key = MediaKeys.original(id);
    String sha256 = store.put(key, in, length);
    MediaItem item = MediaItem.ready(id, owner, cleanTitle, cleanName, length, sha256, type, clock.millis());
    try {
      items.insert(item);
    } catch (RuntimeException e) {
      deleteQuietly(key);
      throw e;
    }
    log.info("media imported id={} owner={} bytes={}", id, owner, length);
    return item;
  }

  public List<MediaItem> mine(UserId owner) {
    return items.ofOwner(owner, MAX_LIST);
  }

  /** The caller's own item; 404 for anyone else's, so ids cannot be probed. */
  public MediaItem get(UserId who, String id) {
    MediaItem item = find(id);
    if (!item.ownerId().equals(who)) throw mediaNotFound(id);
    return item;
  }

  public MediaItem rename(UserId who, String id, String title) {
    String clean = checkTitle(title);
    MediaItem renamed = get(who, id).withTitle(clean, clock.millis());
    if (!items.update(renamed)) throw mediaNotFound(id);
    return renamed;
  }

  /** Deletes the item's staged upload or running processing, its bytes, poster and derived files, then its row. */
  public void delete(UserId who, String id) {
    MediaItem item = get(who, id);
    try {
      leftovers.discard(id);
      Set<String> keys = new LinkedHashSet<>(store.list(MediaKeys.itemPrefix(id)));
      if (item.posterKey() != null) keys.add(item.posterKey());
      for (String key : keys) store.delete(key);
    } catch (IOException e) {
      throw new UncheckedIOException("could not delete the files of media " + id + "; the item is kept", e);
    }
    streamable.forget(id);
    items.delete(id);
    // Again: a stream checked while the row was being deleted may have put it back.
    streamable.forget(id);
    log.info("media deleted id={} owner={}", id, who);
  }

  /** A streaming URL for the caller: the owner, or someone a share of the item reaches ({@link MediaGrants}). */
  public MediaUrls.Signed issueUrl(UserId who, String id) {
    watchable(who, id);
    return urls.sign(id, who, clock.millis() + urlLifetime.toMillis());
  }

  /**
   * A ready item the caller may watch: the owner's, or one shared with the caller (a room where the caller
   * holds a role, or the owner's friends); refused otherwise, whatever a room plays.
   */
  public MediaItem watchable(UserId who, String id) {
    MediaItem item = find(id);
    if (!grants.mayWatch(who, item)) {
      throw new Refusal(Refusal.Kind.FORBIDDEN, "media-not-allowed",
          "only its owner, or someone it is shared with, may watch this media");
    }
    requireReady(item);
    return item;
  }

  /** A streaming URL and, when the item has a poster, a poster URL with the same expiry (each opens only its file). */
  public record Urls(MediaUrls.Signed stream, MediaUrls.Signed poster) {}

  /** {@link #issueUrl} and the poster's URL beside it (null without a poster). */
  public Urls issueUrls(UserId who, String id) {
    MediaUrls.Signed stream = issueUrl(who, id);
    MediaItem item = find(id);
    return new Urls(stream, item.posterKey() == null ? null : urls.signPoster(id, who, stream.expiresAt()));
  }

  /** The poster URL for someone already allowed to see the item (its owner listing it), or null without a poster. */
  public MediaUrls.Signed posterUrl(UserId who, MediaItem item) {
    if (item.posterKey() == null || item.status() != MediaStatus.READY) return null;
    return urls.signPoster(item.id(), who, clock.millis() + urlLifetime.toMillis());
  }

  /**
   * A room preview's view of an item a room plays ({@code media:<id>}): its title and a poster URL signed
   * as its owner, since whoever may see the room's preview may see what it plays (RoomPreviews). The URL is
   * signed for the poster alone: the owner's signature must not open the film for whoever sees the preview
   * (issue 51). Empty for anything else, or an item gone meanwhile.
   */
  public Optional<MediaDescriptions.Description> describe(String roomMediaId) {
    Optional<String> id = MediaRef.idOf(roomMediaId).filter(MediaRef::isValidId);
    if (id.isEmpty()) return Optional.empty();
    return items.find(id.get()).map(item -> {
      boolean hasPoster = item.posterKey() != null && item.status() == MediaStatus.READY;
      // The expiry is rounded up to the hour: every preview within the hour names the same URL, which a
      // messenger's or browser's image cache can keep.
      long expiresAt = (clock.millis() + urlLifetime.toMillis()) / POSTER_EXPIRY_STEP_MS * POSTER_EXPIRY_STEP_MS
          + POSTER_EXPIRY_STEP_MS;
      return new MediaDescriptions.Description(item.title(),
          hasPoster ? urls.signPoster(item.id(), item.ownerId(), expiresAt).path() : null);
    });
  }

  /** The item whose poster a signed request may read: a URL signed for its poster (a stream's is refused); 404 without one. */
  public MediaItem posterOf(String id, String user, String exp, String sig) {
    MediaItem item = signedFor(MediaUrls.Target.poster(id), user, exp, sig);
    if (item.posterKey() == null) {
      throw new Refusal(Refusal.Kind.NOT_FOUND, "poster-not-found", "media '" + id + "' has no poster");
    }
    return item;
  }

  /** The item a signed streaming request may read: a URL signed for its stream, or a refusal (403 for any bad or expired URL). */
  public MediaItem streamable(String id, String user, String exp, String sig) {
    return signedFor(MediaUrls.Target.stream(id), user, exp, sig);
  }

  /**
   * The ready item whose file {@code target} names, for a request signed for exactly that target: a URL signed for
   * another kind of file, another item or another track is refused (403) like a forged one.
   */
  public MediaItem signedFor(MediaUrls.Target target, String user, String exp, String sig) {
    MediaUrls.Check check = urls.check(target, user, exp, sig, clock.millis());
    if (check != MediaUrls.Check.VALID) {
      throw new Refusal(Refusal.Kind.FORBIDDEN, "invalid-media-url", switch (check) {
        case EXPIRED -> "this media URL has expired; ask for a new one";
        case MALFORMED -> "a media URL needs u, exp and sig; ask POST /api/media/{id}/url for one";
        default -> "this media URL is not valid";
      });
    }
    String id = target.mediaId();
    if (!MediaRef.isValidId(id)) throw mediaNotFound(String.valueOf(id));
    MediaItem item = streamable.find(id, items::find).orElseThrow(() -> mediaNotFound(id));
    requireReady(item);
    return item;
  }

  private MediaItem find(String id) {
    if (!MediaRef.isValidId(id)) throw mediaNotFound(String.valueOf(id));
    return items.find(id).orElseThrow(() -> mediaNotFound(id));
  }

  private static void requireReady(MediaItem item) {
    if (item.status() != MediaStatus.READY) {
      throw new Refusal(Refusal.Kind.NOT_READY, "media-not-ready", "this media is " + item.status().wire());
    }
  }

  /** 1-200 code points after trimming, printable: the rule every name follows (core.text.Names). */
  public static String checkTitle(String title) {
    String t = dev.cowatch.core.text.Names.normalize(title);
    dev.cowatch.core.text.Names.problem(t, MediaItem.MAX_TITLE).ifPresent(p -> {
      throw invalid("title: " + p);
    });
    return t;
  }

  /** The last path segment, without control characters, at most 255 code points; "file" when nothing is left. */
  public static String fileName(String name) {
    if (name == null) return "file";
    String base = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
    StringBuilder sb = new StringBuilder();
    base.codePoints().filter(c -> !isControl(c)).limit(MediaItem.MAX_FILE_NAME).forEach(sb::appendCodePoint);
    String clean = sb.toString().strip();
    return clean.isEmpty() ? "file" : clean;
  }

  /** A lower-case media type, or {@code application/octet-stream} when {@code type} is none. */
  public static String contentType(String type) {
    if (type == null) return "application/octet-stream";
    String t = type.strip().toLowerCase(java.util.Locale.ROOT);
    return t.length() <= 255 && CONTENT_TYPE.matcher(t).matches() ? t : "application/octet-stream";
  }

  private static boolean isControl(int c) {
    int type = Character.getType(c);
    return type == Character.CONTROL || type == Character.FORMAT || type == Character.LINE_SEPARATOR
        || type == Character.PARAGRAPH_SEPARATOR;
  }

  private void deleteQuietly(String key) {
    try {
      store.delete(key);
    } catch (IOException e) {
      log.warn("could not remove {} after a failed import", key, e);
    }
  }

  private static Refusal invalid(String message) {
    return new Refusal(Refusal.Kind.INVALID, "invalid-media", message);
  }

  /** The one answer for a media id someone may not know of: 404, whether or not it exists. */
  public static Refusal mediaNotFound(String id) {
    return dev.cowatch.server.room.decisions.RoomRefusals.mediaNotFound(id);
  }
}
