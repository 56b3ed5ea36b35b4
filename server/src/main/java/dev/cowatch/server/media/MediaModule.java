package dev.cowatch.server.media;

import dev.cowatch.server.account.AccountModule;
import dev.cowatch.server.media.http.MediaRoutes;
import dev.cowatch.server.media.http.MediaShareRoutes;
import dev.cowatch.server.media.http.MediaStreamHandler;
import dev.cowatch.server.media.http.SubtitleRoutes;
import dev.cowatch.server.media.http.UploadRoutes;
import dev.cowatch.server.media.jdbc.JdbcMediaGrantRepository;
import dev.cowatch.server.media.jdbc.JdbcMediaRepository;
import dev.cowatch.server.media.jdbc.JdbcSubtitleRepository;
import dev.cowatch.server.media.probe.MediaTools;
import dev.cowatch.server.media.storage.LocalDiskMediaStore;
import dev.cowatch.server.media.storage.S3MediaStore;
import dev.cowatch.server.media.subtitle.SubtitleLibrary;
import dev.cowatch.server.media.subtitle.SubtitleLimits;
import dev.cowatch.server.media.upload.MediaProcessor;
import dev.cowatch.server.media.upload.UploadStaging;
import dev.cowatch.server.media.upload.Uploads;
import dev.cowatch.server.platform.Ids;
import dev.cowatch.server.platform.http.EdgeRequests;
import dev.cowatch.server.platform.jdbc.Database;
import dev.cowatch.server.room.RoomModule;
import dev.cowatch.server.room.media.MediaDescriptions;
import dev.cowatch.server.room.media.SubtitleTracks;
import io.javalin.config.RoutesConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.server.Handler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The media library wired for this server: items in the database, bytes on local disk or S3, uploads
 * (tus) staged under the data directory and processed with ffprobe/ffmpeg, subtitles, signed streaming
 * URLs. Rooms are asked one thing: whether someone holds a role where an item plays.
 */
public final class MediaModule implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(MediaModule.class);
  /** Expired uploads wait at most this long past their expiry before their bytes are removed. */
  private static final Duration UPLOAD_SWEEP = Duration.ofMinutes(10);

  private final MediaStore store;
  private final MediaLibrary library;
  private final MediaProcessor processor;
  private final Uploads uploads;
  private final SubtitleLibrary subtitles;
  private final AccountModule accounts;
  private final ScheduledExecutorService sweeper;
  private final MediaDelivery delivery;
  private final Clock clock;
  private final MediaRoutes routes;
  private final MediaGrants grants;

  private MediaModule(MediaStore store, MediaLibrary library, MediaGrants grants, MediaProcessor processor,
      Uploads uploads, SubtitleLibrary subtitles, AccountModule accounts, MediaDelivery delivery, Clock clock) {
    this.store = store;
    this.grants = grants;
    this.delivery = delivery;
    this.clock = clock;
    this.library = library;
    this.processor = processor;
    this.uploads = uploads;
    this.subtitles = subtitles;
    this.accounts = accounts;
    this.routes = new MediaRoutes(library, uploads, accounts.authentication());
    this.sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "cowatch-upload-sweep");
      t.setDaemon(true);
      return t;
    });
  }

  /**
   * Running ffprobe and ffmpeg -version takes a few hundred ms: started on a thread of its own while the
   * rest of the server is wired, and joined in {@link #create}.
   */
  public static CompletableFuture<MediaTools> detectTools(MediaConfig config) {
    return CompletableFuture.supplyAsync(() -> detect(config),
        task -> Thread.ofPlatform().daemon().name("cowatch-media-tools").start(task));
  }

  public static MediaModule create(MediaConfig config, Path dataDir, CompletableFuture<MediaTools> tools,
      Database database, RoomModule rooms, AccountModule accounts, Clock clock, Ids ids) {
    MediaStore store = config.store() == MediaConfig.Store.S3 ? new S3MediaStore(config.s3())
        : new LocalDiskMediaStore(dataDir.resolve("media"));
    log.info("media store: {}", store.describe());
    MediaRepository items = new JdbcMediaRepository(database.jdbi());
    // Subtitles sign with the media URL key as the library does; each URL is signed for one kind of file.
    MediaUrls urls = new MediaUrls(accounts.secrets().derive("media-url"));
    UploadStaging staging = new UploadStaging(dataDir.resolve("uploads"));
    MediaProcessor processor = new MediaProcessor(items, store, staging, tools.join(), clock);
    var queries = rooms.service().queries();
    MediaGrants grants = new MediaGrants(items, new JdbcMediaGrantRepository(database.jdbi()), new RoomMediaAccess() {
      @Override
      public boolean holdsRoleIn(dev.cowatch.core.room.UserId user, java.util.Set<String> roomIds) {
        return queries.holdsRoleIn(user, roomIds);
      }

      @Override
      public boolean exists(String roomId) {
        return queries.exists(roomId);
      }
    }, clock);
    MediaLibrary library = new MediaLibrary(items, store, urls, grants,
        clock, ids::recordId, config.maxBytes(), config.urlLifetime(), id -> {
          processor.cancel(id);
          staging.delete(id);
        });
    Uploads uploads = new Uploads(items, library, staging, processor, clock, ids::recordId, config.quotaBytes(),
        config.effectiveGuestQuotaBytes(), config.uploadExpiry());
    SubtitleLibrary subtitles = new SubtitleLibrary(library, items, new JdbcSubtitleRepository(database.jdbi()), urls,
        clock, ids::recordId, SubtitleLimits.DEFAULTS, config.urlLifetime());
    if (config.delivery().accelPrefix() != null) {
      log.info("media streams: checked here, sent by the front proxy (X-Accel-Redirect {}<key>, {} published there)",
          config.delivery().accelPrefix(), store.describe());
    } else if (config.delivery().storeRedirect()) {
      log.info("media streams: checked here, then redirected to presigned URLs of the {}", store.describe());
    }
    return new MediaModule(store, library, grants, processor, uploads, subtitles, accounts, config.delivery(), clock);
  }

  /** ffprobe and ffmpeg as configured or on the PATH; one line in the log says what uploads will get. */
  private static MediaTools detect(MediaConfig config) {
    MediaTools tools;
    try {
      tools = MediaTools.detect(config.tools());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      tools = MediaTools.unavailable("the media tools were not checked: the server was interrupted while starting");
    }
    if (tools.status().probing() && tools.status().converting()) {
      log.info("media tools: {}", tools.status().message());
    } else {
      log.warn("media tools: {}", tools.status().message());
    }
    return tools;
  }

  /**
   * Media streams ({@code GET}/{@code HEAD /api/media/{mediaId}/stream}), answered in front of Javalin
   * ({@link MediaStreamHandler}); every other request goes on to {@code next}.
   */
  public Handler streamHandler(EdgeRequests edge, Handler next) {
    return new MediaStreamHandler(library, delivery, clock, edge, next);
  }

  public void registerRoutes(RoutesConfig routes) {
    var caller = accounts.authentication();
    new SubtitleRoutes(subtitles, caller).register(routes);
    this.routes.register(routes);
    new UploadRoutes(uploads, caller).register(routes);
    new MediaShareRoutes(grants, caller).register(routes);
  }

  /** Takes up items left processing and sweeps expired uploads from now on. */
  public void start() {
    processor.resumeAll();
    sweeper.scheduleWithFixedDelay(this::sweepUploads, 0, UPLOAD_SWEEP.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Expired uploads and leftover staged files; a failure is logged and retried at the next sweep. */
  private void sweepUploads() {
    try {
      uploads.sweep();
    } catch (RuntimeException e) {
      log.error("the upload sweep failed", e);
    }
  }

  /** The library's items, their bytes included ({@code library().store()}). */
  public MediaLibrary library() {
    return library;
  }

  /**
   * Who may watch an item and put it into a room: the shares its owner made. Rooms ask it before a library
   * item goes on a timeline or queue; the social module tells it who is friends with whom.
   */
  public MediaGrants grants() {
    return grants;
  }

  /** Uploads (and their expiry) for tests and tools. */
  public Uploads uploads() {
    return uploads;
  }

  /** Subtitle tracks of the library's items. */
  public SubtitleLibrary subtitles() {
    return subtitles;
  }

  /** Which media a subtitle track belongs to, for the room socket. */
  public SubtitleTracks subtitleTracks() {
    return subtitles::roomMediaIdOf;
  }

  /** Titles and posters of the items rooms play, for room previews. */
  public MediaDescriptions mediaDescriptions() {
    return library::describe;
  }

  @Override
  public void close() {
    sweeper.shutdownNow();
    processor.close();
    store.close();
  }
}
