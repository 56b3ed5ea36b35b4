package dev.cowatch.server.media.subtitle;

import dev.cowatch.core.room.UserId;
import dev.cowatch.server.media.MediaItem;
import dev.cowatch.server.media.MediaLibrary;
import dev.cowatch.server.media.MediaRef;
import dev.cowatch.server.media.MediaRepository;
import dev.cowatch.server.media.MediaStore;
import dev.cowatch.server.media.MediaUrls;
import dev.cowatch.server.platform.Refusal;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Subtitle tracks of media items: uploads converted to WebVTT ({@link SubtitleConverter}), listed
 * with signed URLs, deleted, and served. Who may do what follows the media: the owner uploads and
 * deletes (to anyone else the item does not exist); whoever may get a streaming URL for the item
 * ({@link MediaLibrary#issueUrl}) may list its tracks; a track file is served to whoever holds a URL
 * signed for that track ({@link MediaUrls.Kind#SUBTITLE}): it opens neither the stream nor another track.
 *
 * <p>Thread-safe; holds no locks. Like the media library, bytes are stored before their row is
 * written and deleted before it is removed.
 */
public final class SubtitleLibrary {
  private static final Logger log = LoggerFactory.getLogger(SubtitleLibrary.class);
  public static final int MAX_LABEL = 100;
  static final int MAX_LANGUAGE = 35;
  private static final Pattern LANGUAGE = Pattern.compile("[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8}){0,4}");
  private static final Pattern TRACK_ID = Pattern.compile("[a-z0-9]{8,40}");

  private final MediaLibrary media;
  private final MediaRepository items;
  private final SubtitleRepository tracks;
  private final MediaStore store;
  private final MediaUrls urls;
  private final Clock clock;
  private final Supplier<String> ids;
  private final SubtitleLimits limits;
  private final SubtitleConverter converter;
  private final Duration urlLifetime;

  public SubtitleLibrary(MediaLibrary media, MediaRepository items, SubtitleRepository tracks, MediaUrls urls,
      Clock clock, Supplier<String> ids, SubtitleLimits limits, Duration urlLifetime) {
    this.media = media;
    this.items = items;
    this.tracks = tracks;
    this.store = media.store();
    this.urls = urls;
    this.clock = clock;
    this.ids = ids;
    this.limits = limits;
    this.converter = new SubtitleConverter(limits);
    this.urlLifetime = urlLifetime;
  }

  public SubtitleLimits limits() {
    return limits;
  }

  /** A track with the URL its caller fetches it from (valid until the media URL expires). */
  public record Listed(SubtitleTrack track, String url) {}

  /** A new track, its URL, and what the conversion noticed (skipped cues, dropped blocks). */
  public record Uploaded(SubtitleTrack track, String url, List<String> warnings) {}

  /**
   * Converts {@code file} (SRT or WebVTT) and adds it to the owner's item. {@code label} defaults
   * to the language, else "Subtitles"; {@code language} is optional.
   */
  public Uploaded upload(UserId who, String mediaId, String label, String language, byte[] file) {
    MediaItem item = media.get(who, mediaId);
    String lang = language(language);
    String cleanLabel = label(label, lang);
    if (file.length > limits.maxFileBytes()) throw tooLarge();
    SubtitleConverter.Converted converted;
    try {
      converted = converter.convert(file);
    } catch (SubtitleException e) {
      throw new Refusal(Refusal.Kind.INVALID, "invalid-subtitles", e.getMessage());
    }
    if (tracks.ofMedia(item.id()).size() >= limits.maxTracksPerMedia()) throw full();
    String trackId = ids.get();
    String key = SubtitleTrack.key(item.id(), trackId);
    byte[] bytes = converted.bytes();
    try {
      store.put(key, new ByteArrayInputStream(bytes), bytes.length);
    } catch (IOException e) {
      throw new UncheckedIOException("could not store subtitles of media " + item.id(), e);
    }
    SubtitleTrack track = new SubtitleTrack(trackId, item.id(), cleanLabel, lang, converted.cues(), bytes.length,
        converted.sourceFormat(), converted.sourceCharset(), clock.millis());
    SubtitleRepository.Inserted inserted;
    try {
      inserted = tracks.insert(track, limits.maxTracksPerMedia());
    } catch (RuntimeException e) {
      deleteQuietly(key);
      throw e;
    }
    if (inserted != SubtitleRepository.Inserted.DONE) {
      deleteQuietly(key);
      throw inserted == SubtitleRepository.Inserted.FULL ? full() : MediaLibrary.mediaNotFound(item.id());
    }
    log.info("subtitles added media={} track={} cues={} from={} {}", item.id(), trackId, converted.cues(),
        converted.sourceFormat(), converted.sourceCharset());
    return new Uploaded(track, url(who, item.id(), trackId, expiryFor(who, item)), converted.warnings());
  }

  /** The item's tracks, for its owner or anyone who may stream it (404/403 otherwise, as for the stream). */
  public List<Listed> list(UserId who, String mediaId) {
    MediaItem item = find(mediaId);
    long expiresAt = expiryFor(who, item);
    return tracks.ofMedia(item.id()).stream().map(t -> new Listed(t, url(who, item.id(), t.id(), expiresAt))).toList();
  }

  /** Removes a track of the owner's item: its file, then its row. */
  public void delete(UserId who, String mediaId, String trackId) {
    MediaItem item = media.get(who, mediaId);
    SubtitleTrack track = trackOf(item.id(), trackId);
    try {
      store.delete(SubtitleTrack.key(item.id(), track.id()));
    } catch (IOException e) {
      throw new UncheckedIOException("could not delete subtitles " + trackId + "; the track is kept", e);
    }
    tracks.delete(track.id());
    log.info("subtitles deleted media={} track={}", item.id(), track.id());
  }

  /**
   * A track's WebVTT bytes for a request signed for that track (403 for a bad or expired signature, or one signed
   * for the stream, the poster or another track).
   */
  public byte[] file(String mediaId, String trackId, String user, String exp, String sig) {
    MediaItem item = media.signedFor(MediaUrls.Target.subtitle(mediaId, trackId), user, exp, sig);
    SubtitleTrack track = trackOf(item.id(), trackId);
    String key = SubtitleTrack.key(item.id(), track.id());
    try {
      OptionalLong size = store.size(key);
      if (size.isEmpty() || size.getAsLong() > limits.maxConvertedBytes()) throw trackNotFound(trackId);
      try (ReadableByteChannel channel = store.open(key, 0, size.getAsLong());
           InputStream in = Channels.newInputStream(channel)) {
        return in.readAllBytes();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not read subtitles " + trackId, e);
    }
  }

  /** For the rooms: the timeline media id whose item has this track. */
  public Optional<String> roomMediaIdOf(String trackId) {
    if (trackId == null || !TRACK_ID.matcher(trackId).matches()) return Optional.empty();
    return tracks.find(trackId).map(t -> MediaRef.PREFIX + t.mediaId());
  }

  /**
   * Until when the caller's track URLs of this item are good: as long as a URL issued to the owner, or to someone
   * allowed by {@link MediaLibrary#issueUrl} (which refuses the rest, and whose stream URL's expiry is reused).
   */
  private long expiryFor(UserId who, MediaItem item) {
    return item.ownerId().equals(who)
        ? clock.millis() + urlLifetime.toMillis()
        : media.issueUrl(who, item.id()).expiresAt();
  }

  public static String path(String mediaId, String trackId) {
    return MediaUrls.Target.subtitle(mediaId, trackId).path();
  }

  private String url(UserId who, String mediaId, String trackId, long expiresAt) {
    return urls.signSubtitle(mediaId, trackId, who, expiresAt).path();
  }

  private MediaItem find(String mediaId) {
    if (!MediaRef.isValidId(mediaId)) throw MediaLibrary.mediaNotFound(String.valueOf(mediaId));
    return items.find(mediaId).orElseThrow(() -> MediaLibrary.mediaNotFound(mediaId));
  }

  private SubtitleTrack trackOf(String mediaId, String trackId) {
    if (trackId == null || !TRACK_ID.matcher(trackId).matches()) throw trackNotFound(String.valueOf(trackId));
    return tracks.find(trackId).filter(t -> t.mediaId().equals(mediaId)).orElseThrow(() -> trackNotFound(trackId));
  }

  /** 1-100 code points after trimming, no control characters; the language or "Subtitles" when absent. */
  static String label(String label, String language) {
    if (label == null || label.isBlank()) return language != null ? language : "Subtitles";
    String l = dev.cowatch.core.text.Names.normalize(label);
    dev.cowatch.core.text.Names.problem(l, MAX_LABEL).ifPresent(p -> {
      throw invalidField("label: " + p);
    });
    return l;
  }

  /** A BCP 47 language tag such as {@code en} or {@code pt-BR}, or null when absent. */
  static String language(String language) {
    if (language == null || language.isBlank()) return null;
    String l = language.strip();
    if (l.length() > MAX_LANGUAGE || !LANGUAGE.matcher(l).matches()) {
      throw invalidField("language must be a language tag such as en, de or pt-BR");
    }
    return l;
  }

  /** A file over {@link SubtitleLimits#maxFileBytes}: 413. */
  public Refusal tooLarge() {
    return new Refusal(Refusal.Kind.TOO_LARGE, "subtitles-too-large",
        "a subtitle file may be at most " + limits.maxFileBytes() + " bytes");
  }

  private Refusal full() {
    return new Refusal(Refusal.Kind.CONFLICT, "too-many-subtitles",
        "a media item may have at most " + limits.maxTracksPerMedia() + " subtitle tracks; delete one first");
  }

  private void deleteQuietly(String key) {
    try {
      store.delete(key);
    } catch (IOException e) {
      log.warn("could not remove {} after a failed subtitle upload", key, e);
    }
  }

  private static Refusal invalidField(String message) {
    return new Refusal(Refusal.Kind.INVALID, "invalid-subtitle-field", message);
  }


  private static Refusal trackNotFound(String id) {
    return new Refusal(Refusal.Kind.NOT_FOUND, "subtitle-not-found", "no subtitle track '" + id + "'");
  }
}
