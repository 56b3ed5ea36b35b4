package dev.cowatch.server;

import dev.cowatch.protocol.JsonCodec;
import dev.cowatch.server.audit.JdbcAuditLog;
import dev.cowatch.server.http.HealthRoutes;
import dev.cowatch.server.history.WatchHistory;
import dev.cowatch.server.http.FriendRoutes;
import dev.cowatch.server.http.HistoryRoutes;
import dev.cowatch.server.http.ShowingRoutes;
import dev.cowatch.server.jdbc.JdbcShowingRepository;
import dev.cowatch.server.schedule.RoomShowingConductor;
import dev.cowatch.server.schedule.Showings;
import dev.cowatch.server.jdbc.JdbcWatchHistory;
import dev.cowatch.server.http.MediaRoutes;
import dev.cowatch.server.jdbc.JdbcFriendRepository;
import dev.cowatch.server.jdbc.DatabaseFaults;
import dev.cowatch.server.jdbc.JdbcMailOutbox;
import dev.cowatch.server.jdbc.JdbcNotificationRepository;
import dev.cowatch.server.mail.MailOutbox;
import dev.cowatch.server.mail.OutboxDispatcher;
import dev.cowatch.server.social.FriendInvitations;
import dev.cowatch.server.social.FriendService;
import dev.cowatch.server.social.Notifications;
import dev.cowatch.server.social.Presence;
import dev.cowatch.server.jdbc.JdbcMediaRepository;
import dev.cowatch.server.media.MediaConfig;
import dev.cowatch.server.media.MediaLibrary;
import dev.cowatch.server.media.MediaStore;
import dev.cowatch.server.media.MediaRepository;
import dev.cowatch.server.media.MediaUrls;
import dev.cowatch.server.media.probe.MediaTools;
import dev.cowatch.server.media.upload.MediaProcessor;
import dev.cowatch.server.media.upload.UploadStaging;
import dev.cowatch.server.media.upload.Uploads;
import dev.cowatch.server.http.UploadRoutes;
import dev.cowatch.server.storage.LocalDiskMediaStore;
import dev.cowatch.server.storage.S3MediaStore;
import dev.cowatch.server.http.OpenApiRoutes;
import dev.cowatch.server.http.GuardedConnector;
import dev.cowatch.server.http.Problem;
import dev.cowatch.server.http.ProblemErrorHandler;
import dev.cowatch.server.http.RefusedConnections;
import dev.cowatch.server.audit.AuditLog;
import dev.cowatch.server.account.PasswordHasher;
import dev.cowatch.server.http.Authentication;
import dev.cowatch.server.http.DirectoryRoutes;
import dev.cowatch.server.http.InviteRoutes;
import dev.cowatch.server.http.RoomMemberRoutes;
import dev.cowatch.server.http.RoomRoutes;
import dev.cowatch.server.chat.ChatService;
import dev.cowatch.server.jdbc.JdbcChatRepository;
import dev.cowatch.server.jdbc.JdbcInviteRepository;
import dev.cowatch.server.jdbc.JdbcRoomRepository;
import dev.cowatch.server.room.InviteTokens;
import dev.cowatch.server.room.RoomManagement;
import dev.cowatch.server.room.RoomPasswords;
import dev.cowatch.server.ws.Identities;
import dev.cowatch.server.http.WebRoutes;
import dev.cowatch.server.jdbc.Database;
import io.javalin.http.staticfiles.Location;
import dev.cowatch.server.room.InMemoryRoomBus;
import dev.cowatch.server.room.LocalDelivery;
import dev.cowatch.server.room.InMemoryRoomStore;
import dev.cowatch.server.room.RoomService;
import dev.cowatch.server.ws.RoomSocket;
import dev.cowatch.server.http.SubtitleRoutes;
import dev.cowatch.server.jdbc.JdbcSubtitleRepository;
import dev.cowatch.server.media.subtitle.SubtitleLibrary;
import dev.cowatch.server.media.subtitle.SubtitleLimits;
import io.javalin.Javalin;
import io.javalin.http.HttpResponseException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Wires the embedded default (in-memory rooms, one node) and runs it on Javalin/Jetty. */
public final class CowatchServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(CowatchServer.class);
  /** Jetty's default accept backlog is 50; a reconnect storm after a restart needs far more. */
  private static final int ACCEPT_QUEUE = 4_096;
  /** Addresses whose room creations are remembered at once: the limiter's memory bound (as sign-ups'). */
  private static final int ROOM_CREATION_KEYS = 100_000;
  /** Jetty's default (8 KiB); named because a larger header is answered 431 and the docs say so. */
  static final int REQUEST_HEADER_BYTES = 8 * 1024;
  /** How often slow request headers are looked for: a slow-loris connection lives at most this past the timeout. */
  private static final long HEADER_SWEEP_MS = 500;
  /** How often queued mail (reminders, invitations) is looked at: a reminder is at most this late. */
  private static final Duration OUTBOX_PERIOD = Duration.ofSeconds(2);
  /** Expired uploads wait at most this long past their expiry before their bytes are removed. */
  private static final Duration UPLOAD_SWEEP = Duration.ofMinutes(10);

  private final ServerConfig config;
  private final ScheduledExecutorService timers;
  /** Spreads a large room's broadcasts over the cores. */
  private final LocalDelivery delivery;
  private final Database database;
  private final AuditLog auditLog;
  private final SubtitleLibrary subtitles;
  private final AccountModule accounts;
  private final RoomService rooms;
  private final ChatService chat;
  private final RoomSocket socket;
  private final MailOutbox outbox;
  private final OutboxDispatcher outboxDispatcher;
  private final java.util.concurrent.ExecutorService roomEventWriter;
  private final WatchHistory history;
  private final RoomShowingConductor conductor;
  private final Showings showings;
  private final MediaStore mediaStore;
  private final MediaLibrary media;
  private final MediaProcessor processor;
  private final Uploads uploads;
  private final ScheduledExecutorService sweeper;
  private final Javalin app;
  private final List<String> routes = new CopyOnWriteArrayList<>();
  /** Set while Javalin builds the server (before start). */
  private GuardedConnector connector;
  private volatile boolean ready;


  public CowatchServer(ServerConfig config, Clock clock, Ids ids) {
    this.config = config;
    createDataDir(config);
    // Opening and migrating the database is half of a start; running ffprobe and ffmpeg -version takes a few
    // hundred ms. Both go on in threads of their own while the rest is wired: repositories' connections wait
    // for the schema, the media processor waits for the tools, and start() waits for the database before
    // anything is read or served.
    this.database = Database.openInBackground(config.database());
    CompletableFuture<MediaTools> detectedTools = CompletableFuture.supplyAsync(() -> detectMediaTools(config.media()),
        task -> Thread.ofPlatform().daemon().name("cowatch-media-tools").start(task));
    this.auditLog = new JdbcAuditLog(database, clock);
    this.accounts = AccountModule.create(config.accounts(), config.dataDir(), database, clock, auditLog, ids,
        this::publicUrl);
    this.timers = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "cowatch-timers");
      t.setDaemon(true);
      return t;
    });
    JsonCodec codec = new JsonCodec();
    this.delivery = LocalDelivery.forThisMachine();
    this.rooms = new RoomService(new InMemoryRoomStore(), new JdbcRoomRepository(database.jdbi()), new InMemoryRoomBus(delivery),
        config.tolerances(), clock, ids, codec, timers, config.limits().maxRooms());
    RoomManagement management = new RoomManagement(rooms, new JdbcInviteRepository(database.jdbi()),
        new InviteTokens(accounts.secrets().derive("room-invite")),
        new RoomPasswords(new PasswordHasher(config.accounts().hashing())), auditLog, clock, ids,
        new dev.cowatch.server.account.AttemptLimiter(config.limits().roomCreationsPerAddress(), Limits.CREATION_WINDOW,
            ROOM_CREATION_KEYS, clock));
    this.chat = new ChatService(rooms, new JdbcChatRepository(database.jdbi()), clock);
    Authentication caller = accounts.authentication();
    RoomRoutes roomRoutes = new RoomRoutes(management, caller, config.tolerances().bufferWaitTimeoutMs());
    RoomMemberRoutes memberRoutes = new RoomMemberRoutes(management, caller);
    // Links in invitations, mails and calendars name this server as its configuration does, never as a
    // request's Host header does: anyone can send any Host, and the link goes to someone else.
    java.util.function.Supplier<String> linkBase = this::publicUrl;
    InviteRoutes inviteRoutes = new InviteRoutes(management, caller, linkBase);
    this.outbox = new JdbcMailOutbox(database.jdbi());
    this.outboxDispatcher = new OutboxDispatcher(outbox, accounts.mailer(), clock);
    JdbcFriendRepository people = new JdbcFriendRepository(database.jdbi());
    Notifications notifications = new Notifications(new JdbcNotificationRepository(database.jdbi()), clock);
    FriendService friends = new FriendService(people, notifications, new Presence(clock, rooms.queries()::whereConnected), clock);
    this.roomEventWriter = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "cowatch-room-events");
      t.setDaemon(true);
      return t;
    });
    this.history = new WatchHistory(new JdbcWatchHistory(database.jdbi()), clock, roomEventWriter, rooms.queries()::liveRooms);
    rooms.observe(history);
    rooms.observe(new dev.cowatch.server.chat.ChatSystemLines(chat, roomEventWriter));
    dev.cowatch.server.http.ChatRoutes chatRoutes = new dev.cowatch.server.http.ChatRoutes(chat, caller);
    HistoryRoutes historyRoutes = new HistoryRoutes(history, caller);
    FriendRoutes friendRoutes = new FriendRoutes(friends,
        new FriendInvitations(friends, people, management, notifications, outbox, clock), notifications, caller, linkBase);
    DirectoryRoutes directoryRoutes = new DirectoryRoutes(management, caller);
    this.mediaStore = openMediaStore(config);
    MediaRepository mediaItems = new JdbcMediaRepository(database.jdbi());
    MediaTools tools = detectedTools.join();
    UploadStaging staging = new UploadStaging(config.dataDir().resolve("uploads"));
    this.processor = new MediaProcessor(mediaItems, mediaStore, staging, tools, clock);
    this.media = new MediaLibrary(mediaItems, mediaStore, new MediaUrls(accounts.secrets().derive("media-url")),
        rooms.queries()::holdsRoleWherePlaying, clock, ids::recordId, config.media().maxBytes(),
        config.media().urlLifetime(), id -> {
          processor.cancel(id);
          staging.delete(id);
        });
    this.uploads = new Uploads(mediaItems, media, staging, processor, clock, ids::recordId,
        config.media().quotaBytes(), config.media().uploadExpiry());
    this.sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "cowatch-upload-sweep");
      t.setDaemon(true);
      return t;
    });
    MediaRoutes mediaRoutes = new MediaRoutes(media, uploads, caller);
    UploadRoutes uploadRoutes = new UploadRoutes(uploads, caller);
    JdbcShowingRepository showingRepository = new JdbcShowingRepository(database.jdbi());
    this.conductor = new RoomShowingConductor(showingRepository, rooms, clock, timers);
    rooms.observe(conductor);
    this.showings = new Showings(showingRepository, management, friends, notifications, outbox,
        (who, itemId) -> java.util.Optional.ofNullable(media.get(who, itemId).durationMs()), clock,
        config.showingReminder(), ids::recordId, conductor);
    ShowingRoutes showingRoutes = new ShowingRoutes(showings, caller, linkBase, clock);
    WebRoutes web = new WebRoutes();
    // Subtitles read the items and sign with the media URL key as the library does (one signature per item).
    this.subtitles = new SubtitleLibrary(media, new JdbcMediaRepository(database.jdbi()),
        new JdbcSubtitleRepository(database.jdbi()), new MediaUrls(accounts.secrets().derive("media-url")), clock,
        ids::recordId, SubtitleLimits.DEFAULTS, config.media().urlLifetime());
    SubtitleRoutes subtitleRoutes = new SubtitleRoutes(subtitles, caller);
    // After the subtitles: a room's choice of track is checked against the library.
    this.socket = new RoomSocket(rooms, chat, subtitles::roomMediaIdOf, new Identities(accounts.authenticator(), ids), codec,
        clock, config.limits());
    // Signed out (or everywhere, or password reset): the user's room connections on this node close within the request.
    accounts.services().sessionEnds().subscribe(socket::sessionsChanged);
    HealthRoutes health = new HealthRoutes(clock, rooms.queries()::roomCount, socket::connectionCount, () -> ready);
    Limits limits = config.limits();
    OpenApiRoutes openApi = new OpenApiRoutes();
    this.app = Javalin.create(c -> {
      c.events.handlerAdded(h -> routes.add(h.getHttpMethod().name() + " " + h.getPath()));
      c.events.wsHandlerAdded(h -> routes.add("WEBSOCKET " + h.getPath()));
      c.concurrency.useVirtualThreads = true;
      c.startup.showJavalinBanner = false;
      // A path that exists asked with another method is 405 with Allow, not "no route" (RFC 9110 15.5.6).
      c.http.prefer405over404 = true;
      c.jetty.host = config.host();
      c.jetty.port = config.port();
      c.jetty.addConnector((server, httpConfig) -> {
        httpConfig.setRequestHeaderSize(REQUEST_HEADER_BYTES);
        GuardedConnector connector = new GuardedConnector(server,
            new org.eclipse.jetty.server.HttpConnectionFactory(httpConfig), limits.connectionsPerAddress(),
            limits.helloTimeoutMs());
        connector.setHost(config.host());
        connector.setPort(config.port());
        connector.setAcceptQueueSize(ACCEPT_QUEUE);
        this.connector = connector;
        return connector;
      });
      // Javalin puts its servlet context inside a wrapper it finds on the server: room sockets are
      // upgraded in front of it, on Jetty's core WebSocket API. Connections past their address's
      // limit are answered before either.
      c.jetty.modifyServer(server -> {
        server.setHandler(new RefusedConnections(socket.upgradeHandler()));
        server.setErrorHandler(new ProblemErrorHandler());
      });
      if (web.available()) {
        c.staticFiles.add(files -> {
          files.hostedPath = "/assets";
          files.directory = WebRoutes.PUBLIC + "/assets";
          files.location = Location.CLASSPATH;
          files.headers = java.util.Map.of("Cache-Control", "no-cache", "X-Content-Type-Options", "nosniff");
        });
        for (String page : WebRoutes.PAGES) c.routes.get(page, web::index);
      } else {
        log.warn("the web app is not on the classpath: serving the API only");
      }
      c.routes.get("/api/health", health::health);
      c.routes.get("/api/ready", health::ready);
      c.routes.get(OpenApiRoutes.PATH, openApi::document);
      roomRoutes.register(c.routes);
      memberRoutes.register(c.routes);
      inviteRoutes.register(c.routes);
      directoryRoutes.register(c.routes);
      subtitleRoutes.register(c.routes);
      mediaRoutes.register(c.routes);
      friendRoutes.register(c.routes);
      historyRoutes.register(c.routes);
      chatRoutes.register(c.routes);
      showingRoutes.register(c.routes);
      uploadRoutes.register(c.routes);
      // Not a Javalin route: see RoomSocket#upgradeHandler. Listed here so the route list is whole.
      routes.add("WEBSOCKET " + RoomSocket.PATH);
      accounts.registerRoutes(c.routes);
      // Javalin answers its own errors (no such route, method not allowed) in text/plain unless the
      // application maps HttpResponseException itself: ours are problem+json like every other error.
      c.routes.exception(HttpResponseException.class, (e, ctx) -> {
        int status = e.getStatus();
        String detail = switch (status) {
          case 404 -> "no route " + ctx.method() + " " + ctx.path();
          case 405 -> ctx.method() + " is not one of the methods " + ctx.path() + " takes";
          case 413 -> "the body is larger than this route takes";
          default -> null;
        };
        if (status == 405 && e.getDetails().get("availableMethods") instanceof String allowed) {
          ctx.header("Allow", allowed.replaceAll("[\\[\\] ]", ""));
        }
        Problem.send(ctx, status, Problem.typeOfStatus(status), ProblemErrorHandler.titleOf(status), detail);
      });
      c.routes.error(404, ctx -> {
        if (ctx.result() == null) Problem.send(ctx, 404, "not-found", "Not found", "no route " + ctx.method() + " " + ctx.path());
      });
      c.routes.exception(Refusal.class, (e, ctx) -> {
        if (e.retryAfter() != null) ctx.header("Retry-After", Long.toString(Math.max(1, (e.retryAfter().toMillis() + 999) / 1000)));
        Problem.send(ctx, e.kind().status(), e.type(), e.kind().title(), e.getMessage());
      });
      c.routes.exception(Exception.class, (e, ctx) -> {
        if (DatabaseFaults.isUnavailable(e)) {
          // An outage, not a bug: no stack trace, and the client is told to come back.
          log.warn("database unavailable for {} {}: {}", ctx.method(), ctx.path(), e.getMessage());
          ctx.header("Retry-After", "5");
          Problem.send(ctx, 503, "database-unavailable", "Database unavailable", "try again in a few seconds");
          return;
        }
        log.error("request failed {} {}", ctx.method(), ctx.path(), e);
        Problem.send(ctx, 500, "internal", "Internal error", null);
      });
    });
  }

  private static void createDataDir(ServerConfig config) {
    try {
      Files.createDirectories(config.dataDir());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create data directory " + config.dataDir(), e);
    }
  }

  /** ffprobe and ffmpeg as configured or on the PATH; one line in the log says what uploads will get. */
  private static MediaTools detectMediaTools(MediaConfig config) {
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

  private static MediaStore openMediaStore(ServerConfig config) {
    MediaStore store = config.media().store() == MediaConfig.Store.S3 ? new S3MediaStore(config.media().s3())
        : new LocalDiskMediaStore(config.dataDir().resolve("media"));
    log.info("media store: {}", store.describe());
    return store;
  }

  public CowatchServer start() {
    database.awaitReady(); // before anything reads a table or a request can arrive
    rooms.start();
    socket.startSweeping(timers);
    accounts.schedulePurge(timers);
    outboxDispatcher.schedule(timers, OUTBOX_PERIOD);
    history.schedule(timers);
    conductor.start();
    processor.resumeAll();
    sweeper.scheduleWithFixedDelay(this::sweepUploads, 0, UPLOAD_SWEEP.toMillis(), TimeUnit.MILLISECONDS);
    app.start();
    timers.scheduleWithFixedDelay(() -> connector.sweep(System.nanoTime()), HEADER_SWEEP_MS, HEADER_SWEEP_MS,
        TimeUnit.MILLISECONDS);
    ready = true;
    log.info("cowatch listening on http://{}:{} data={}", config.host(), port(), config.dataDir().toAbsolutePath());
    if (config.accounts().publicUrl() == null) {
      log.info("links in invitations and mails use {}; set --public-url to the address people reach", publicUrl());
    }
    return this;
  }

  public int port() {
    return app.port();
  }

  /**
   * Where users reach the web app: the configured public URL, else this server as its own configuration
   * names it (localhost when it listens on every address).
   */
  public String publicUrl() {
    String configured = config.accounts().publicUrl();
    if (configured != null) return configured;
    String host = config.host();
    boolean everyAddress = host == null || host.isBlank() || host.equals("0.0.0.0") || host.equals("::")
        || host.equals("[::]");
    String name = everyAddress ? "localhost" : host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    return "http://" + name + ":" + port();
  }

  public AccountModule accounts() {
    return accounts;
  }

  public Database database() {
    return database;
  }

  /** The hash-chained audit log in this server's database; services append security events to it. */
  public AuditLog auditLog() {
    return auditLog;
  }

  /**
   * Every handler registered with Javalin as {@code "METHOD /path"} (WebSocket endpoints as
   * {@code "WEBSOCKET /path"}, before/after filters under their own names): what OpenApiTest compares
   * with the API document.
   */
  public List<String> routes() {
    return List.copyOf(routes);
  }

  /** Mail waiting to go out (invitations, reminders) and what sends it. */
  public MailOutbox outbox() {
    return outbox;
  }

  public OutboxDispatcher outboxDispatcher() {
    return outboxDispatcher;
  }

  /** What runs showings in their rooms (tests drive its end timer with a fake clock). */
  public RoomShowingConductor showingConductor() {
    return conductor;
  }

  public Showings showings() {
    return showings;
  }

  public WatchHistory history() {
    return history;
  }

  public ChatService chat() {
    return chat;
  }

  /** Subtitle tracks of the media library's items. */
  public SubtitleLibrary subtitles() {
    return subtitles;
  }

  public RoomService rooms() {
    return rooms;
  }

  /** The media library (its store included). */
  public MediaLibrary media() {
    return media;
  }

  /** Expired uploads and leftover staged files; a failure is logged and retried at the next sweep. */
  private void sweepUploads() {
    try {
      uploads.sweep();
    } catch (RuntimeException e) {
      log.error("the upload sweep failed", e);
    }
  }

  /** Uploads (and their expiry) for tests and tools. */
  public Uploads uploads() {
    return uploads;
  }

  @Override
  public void close() {
    ready = false;
    app.stop();
    sweeper.shutdownNow();
    processor.close();
    try {
      rooms.stop();
    } catch (RuntimeException e) {
      log.error("could not save the rooms' timelines at shutdown", e);
    }
    timers.shutdownNow();
    roomEventWriter.shutdown(); // what is queued is still written, before the database closes
    try {
      if (!roomEventWriter.awaitTermination(5, java.util.concurrent.TimeUnit.SECONDS)) {
        log.warn("watch history and chat lines still pending at shutdown were dropped");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    delivery.close();
    mediaStore.close();
    database.close();
    log.info("cowatch stopped");
  }
}
