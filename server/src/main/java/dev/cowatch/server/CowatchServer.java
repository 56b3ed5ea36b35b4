package dev.cowatch.server;

import dev.cowatch.protocol.JsonCodec;
import dev.cowatch.server.account.AccountModule;
import dev.cowatch.server.admin.AdminModule;
import dev.cowatch.server.audit.AuditModule;
import dev.cowatch.server.chat.ChatModule;
import dev.cowatch.server.history.HistoryModule;
import dev.cowatch.server.media.MediaModule;
import dev.cowatch.server.media.http.MediaStreamHandler;
import dev.cowatch.server.media.probe.MediaTools;
import dev.cowatch.server.openapi.OpenApiRoutes;
import dev.cowatch.server.ops.OpsModule;
import dev.cowatch.server.ops.health.ReadinessChecks;
import dev.cowatch.server.ops.http.HealthRoutes;
import dev.cowatch.server.platform.Ids;
import dev.cowatch.server.platform.Limits;
import dev.cowatch.server.platform.http.GuardedConnector;
import dev.cowatch.server.platform.http.JavalinErrors;
import dev.cowatch.server.platform.http.ProblemErrorHandler;
import dev.cowatch.server.platform.http.RefusedConnections;
import dev.cowatch.server.platform.http.TrustedProxies;
import dev.cowatch.server.platform.http.WebRoutes;
import dev.cowatch.server.platform.jdbc.Database;
import dev.cowatch.server.platform.mail.JdbcMailOutbox;
import dev.cowatch.server.platform.mail.MailOutbox;
import dev.cowatch.server.platform.mail.OutboxDispatcher;
import dev.cowatch.server.platform.redis.Redis;
import dev.cowatch.server.platform.redis.SharedTime;
import dev.cowatch.server.room.RoomModule;
import dev.cowatch.server.room.live.ClusterConfig;
import dev.cowatch.server.room.ws.RoomSocket;
import dev.cowatch.server.rtc.RtcModule;
import dev.cowatch.server.showing.ShowingModule;
import dev.cowatch.server.social.SocialModule;
import dev.cowatch.server.syncplay.SyncplayModule;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.staticfiles.Location;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: builds the modules in the order their dependencies point (audit, accounts,
 * rooms, history, chat, social, media, showings, Syncplay), runs them on Javalin/Jetty, and maps refusals to
 * problem+json in one place. Nothing here decides anything a module could.
 */
public final class CowatchServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(CowatchServer.class);
  /** Jetty's default accept backlog is 50; a reconnect storm after a restart needs far more. */
  private static final int ACCEPT_QUEUE = 4_096;
  /** Jetty's default (8 KiB); named because a larger header is answered 431 and the docs say so. */
  static final int REQUEST_HEADER_BYTES = 8 * 1024;
  /** How often slow request headers are looked for: a slow-loris connection lives at most this past the timeout. */
  private static final long HEADER_SWEEP_MS = 500;
  /**
   * How long a stop waits for HTTP requests in flight (an upload's PATCH, a sign-in hashing its password)
   * to finish before their connections are closed. Uploads resume from their recorded offset anyway.
   */
  static final Duration REQUESTS_IN_FLIGHT = Duration.ofSeconds(5);
  /** How long a stop waits for the room sockets' close frames (1012) to be written. */
  static final Duration CLOSE_FRAMES = Duration.ofSeconds(2);
  /** How long the stop waits for departures still being asked again to end their try in flight. */
  private static final Duration LATE_DEPARTURES = Duration.ofSeconds(3);
  /** How often queued mail (reminders, invitations) is looked at: a reminder is at most this late. */
  private static final Duration OUTBOX_PERIOD = Duration.ofSeconds(2);

  private final ServerConfig config;
  private final Optional<Redis> redis;
  private final ScheduledExecutorService timers;
  /** Writes what the rooms' observers (history, chat's system lines) make of room events, in order, off the rooms' locks. */
  private final ExecutorService roomEvents;
  private final Database database;
  private final MailOutbox outbox;
  private final OutboxDispatcher outboxDispatcher;
  private final OpsModule ops;
  private final AuditModule audit;
  private final AccountModule accounts;
  private final RoomModule rooms;
  private final HistoryModule history;
  private final ChatModule chat;
  private final SocialModule social;
  private final MediaModule media;
  private final ShowingModule showings;
  private final RtcModule rtc;
  private final AdminModule admin;
  private final RoomSocket socket;
  private final SyncplayModule syncplay;
  private final Javalin app;
  private final List<String> routes = new CopyOnWriteArrayList<>();
  /** Set while Javalin builds the server (before start). */
  private GuardedConnector connector;
  private volatile boolean ready;

  public CowatchServer(ServerConfig config, Clock clock, Ids ids) {
    this.config = config;
    createDataDir(config);
    // Opening and migrating the database is half of a start; detecting the media tools takes a few hundred
    // ms. Both go on in threads of their own while the rest is wired: repositories' connections wait for
    // the schema, and start() waits for the database before anything is read or served.
    this.database = Database.openInBackground(config.database());
    CompletableFuture<MediaTools> tools = MediaModule.detectTools(config.media());
    this.timers = daemonScheduler("cowatch-timers");
    this.roomEvents = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "cowatch-room-events");
      t.setDaemon(true);
      return t;
    });
    // Links in invitations, mails and calendars name this server as its configuration does, never as a
    // request's Host header does: anyone can send any Host, and the link goes to someone else.
    Supplier<String> linkBase = this::publicUrl;
    this.outbox = new JdbcMailOutbox(database.jdbi());
    // First: the other modules are handed the ports it fills in (what rooms report to the metrics).
    // One connection set to Redis for the node, when it shares rooms with others; a Redis that does not
    // answer stops the start here, with a message saying where it was looked for.
    this.redis = config.cluster().redisUrl() == null ? Optional.empty()
        : Optional.of(Redis.connect(config.cluster().redisUrl(), config.cluster().redisPasswords(),
            config.cluster().keyPrefix()));
    // The nodes of a cluster anchor timelines on one time base: Redis's, not each machine's own.
    Clock time = redis.<Clock>map(r -> SharedTime.follow(r, clock, timers)).orElse(clock);
    this.ops = OpsModule.create(config.ops(), time, ids);
    this.audit = AuditModule.create(database, time);
    this.accounts = AccountModule.create(config.accounts(), config.dataDir(), database, outbox, time, audit.log(), ids,
        linkBase, redis);
    this.outboxDispatcher = new OutboxDispatcher(outbox, accounts.mailer(), time);
    this.rooms = RoomModule.create(database, accounts, audit.log(), config.tolerances(), config.limits(),
        config.accounts().hashing(), time, ids, new JsonCodec(), timers, linkBase, redis, ops.roomMetrics(),
        ops.tracing());
    this.history = HistoryModule.create(database, rooms, accounts, time, roomEvents);
    this.chat = ChatModule.create(database, rooms, accounts, time, roomEvents);
    this.social = SocialModule.create(database, rooms, accounts, outbox, time, linkBase);
    this.media = MediaModule.create(config.media(), config.dataDir(), tools, database, rooms, accounts, time, ids);
    this.showings = ShowingModule.create(database, rooms, social, media, accounts, outbox, time, ids,
        config.showings(), timers, linkBase);
    this.rtc = RtcModule.create(config.ice(), accounts, rooms, time);
    this.admin = AdminModule.create(database, accounts, rooms, audit, time, ids);
    this.socket = rooms.openSocket(chat.socketChat(), media.subtitleTracks());
    this.syncplay = SyncplayModule.create(config.syncplay(), config.host(), rooms, accounts, chat.socketChat(), ids, time,
        config.limits());
    ops.watch(rooms, syncplay::connectionCount, outbox, database);
    rooms.describeMediaWith(media.mediaDescriptions());
    // A media id grants nothing: library items enter rooms, and reach viewers, only through their owners' shares.
    rooms.placeMediaWith(media.grants());
    media.grants().friendsFrom(social.friends()::areFriends);
    HealthRoutes health = new HealthRoutes(time, rooms.service().queries()::roomCount, socket::connectionCount,
        () -> ready, new ReadinessChecks(database, outbox, config.dataDir(), time).withRedis(redis));
    WebRoutes web = new WebRoutes();
    this.app = Javalin.create(c -> {
      c.events.handlerAdded(h -> routes.add(h.getHttpMethod().name() + " " + h.getPath()));
      c.events.wsHandlerAdded(h -> routes.add("WEBSOCKET " + h.getPath()));
      c.concurrency.useVirtualThreads = true;
      c.startup.showJavalinBanner = false;
      c.requestLogger.http(ops.requestLogger());
      // A path that exists asked with another method is 405 with Allow, not "no route" (RFC 9110 15.5.6).
      c.http.prefer405over404 = true;
      // Every ctx.ip() (limits per address, audit, logs) is the client as TrustedProxies reads it.
      TrustedProxies proxies = config.trustedProxies();
      c.contextResolver.ip = ctx -> proxies.clientAddress(ctx.req().getRemoteAddr(),
          java.util.Collections.list(ctx.req().getHeaders(TrustedProxies.HEADER)));
      configureJetty(c, config.limits());
      ClusterConfig.Role role = config.cluster().role();
      if (!role.servesApi()) {
        // A sync node: room sockets, health and metrics only; the rest is the api nodes' (RoomSocket is not a
        // Javalin route).
        c.routes.get("/api/health", health::health);
        c.routes.get("/api/ready", health::ready);
        ops.registerRoutes(c.routes);
        routes.add("WEBSOCKET " + RoomSocket.PATH);
        JavalinErrors.answerAsProblems(c);
        return;
      }
      // Media streams are answered in front of Javalin (configureJetty); listed so the route list is whole.
      routes.add("GET " + MediaStreamHandler.ROUTE);
      routes.add("HEAD " + MediaStreamHandler.ROUTE);
      if (web.available()) {
        c.staticFiles.add(files -> {
          files.hostedPath = "/assets";
          files.directory = WebRoutes.PUBLIC + "/assets";
          files.location = Location.CLASSPATH;
          files.headers = java.util.Map.of("Cache-Control", "no-cache", "X-Content-Type-Options", "nosniff");
        });
        c.routes.get("/sw.js", web::serviceWorker);
        for (String page : WebRoutes.NEARBY_PAGES) c.routes.get(page, web::nearby);
        for (String page : WebRoutes.PAGES) {
          if (page.equals(WebRoutes.ROOM_PAGE)) {
            // A room link carries its room's Open Graph tags, for messengers that fetch it without scripts.
            c.routes.get(page, ctx -> web.page(ctx, rooms.links().tags(ctx.pathParam("roomId"))));
          } else {
            c.routes.get(page, web::index);
          }
        }
      } else {
        log.warn("the web app is not on the classpath: serving the API only");
      }
      c.routes.get("/api/health", health::health);
      c.routes.get("/api/ready", health::ready);
      c.routes.get(OpenApiRoutes.PATH, new OpenApiRoutes()::document);
      ops.registerRoutes(c.routes);
      rooms.registerRoutes(c.routes);
      media.registerRoutes(c.routes);
      social.registerRoutes(c.routes);
      history.registerRoutes(c.routes);
      chat.registerRoutes(c.routes);
      showings.registerRoutes(c.routes);
      rtc.registerRoutes(c.routes);
      admin.registerRoutes(c.routes);
      // Not a Javalin route: see RoomSocket#upgradeHandler. Listed here so the route list is whole.
      if (role.servesSockets()) routes.add("WEBSOCKET " + RoomSocket.PATH);
      accounts.registerRoutes(c.routes);
      JavalinErrors.answerAsProblems(c);
    });
  }

  private void configureJetty(JavalinConfig c, Limits limits) {
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
      // Graceful: a stop lets requests in flight finish (up to REQUESTS_IN_FLIGHT) and answers new ones 503.
      // An api node has no room sockets (--role api).
      // Media streams, on an api node, are answered in front of Javalin's servlets (MediaStreamHandler).
      ClusterConfig.Role role = config.cluster().role();
      org.eclipse.jetty.server.Handler front = role.servesSockets() ? socket.upgradeHandler()
          : new org.eclipse.jetty.server.Handler.Sequence();
      if (role.servesApi()) front = media.streamHandler(ops.edgeRequests(), front);
      server.setHandler(new org.eclipse.jetty.server.handler.GracefulHandler(new RefusedConnections(front)));
      server.setStopTimeout(REQUESTS_IN_FLIGHT.toMillis());
      server.setErrorHandler(new ProblemErrorHandler());
    });
  }

  private static ScheduledExecutorService daemonScheduler(String name) {
    return Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    });
  }

  private static void createDataDir(ServerConfig config) {
    try {
      Files.createDirectories(config.dataDir());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create data directory " + config.dataDir(), e);
    }
  }

  public CowatchServer start() {
    database.awaitReady(); // before anything reads a table or a request can arrive
    rooms.start(timers);
    chat.start(timers);
    history.start(timers);
    if (config.cluster().role().servesApi()) {
      // The background jobs are the api nodes' (a sync node only serves sockets).
      accounts.start(timers);
      outboxDispatcher.schedule(timers, OUTBOX_PERIOD);
      showings.start();
      media.start();
    }
    ops.start(Thread.ofVirtual().name("cowatch-jvm-metrics")::start);
    app.start();
    // Syncplay clients are members like the room sockets' (a sync node's work); off unless --syncplay-port.
    if (config.cluster().role().servesSockets()) syncplay.start(timers);
    timers.scheduleWithFixedDelay(() -> connector.sweep(System.nanoTime()), HEADER_SWEEP_MS, HEADER_SWEEP_MS,
        TimeUnit.MILLISECONDS);
    ready = true;
    log.info("cowatch listening on http://{}:{} data={}", config.host(), port(), config.dataDir().toAbsolutePath());
    if (!config.trustedProxies().isEmpty()) {
      log.info("client addresses: X-Forwarded-For from {} only", config.trustedProxies());
    }
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

  public AuditModule audit() {
    return audit;
  }

  public RoomModule rooms() {
    return rooms;
  }

  public HistoryModule history() {
    return history;
  }

  public ChatModule chat() {
    return chat;
  }

  public SocialModule social() {
    return social;
  }

  public MediaModule media() {
    return media;
  }

  public ShowingModule showings() {
    return showings;
  }

  /** The site's administration (admins, bans, notices, closing rooms). */
  public AdminModule admin() {
    return admin;
  }

  /** The Syncplay endpoint ({@link SyncplayModule#port()} is -1 when it is off). */
  public SyncplayModule syncplay() {
    return syncplay;
  }

  /** Metrics (and, later, the rest of the operator's side). */
  public OpsModule ops() {
    return ops;
  }

  public Database database() {
    return database;
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

  /**
   * Drains, then stops (docs/operations.md, "Restarts"): readiness fails at once; the listening socket
   * closes, so reconnecting clients go elsewhere or wait; every room socket is closed with 1012 (come
   * back) and its member let go; every live room's timeline is written where it is; HTTP requests in
   * flight finish (up to {@link #REQUESTS_IN_FLIGHT}); then everything else stops. Each step is logged.
   */
  @Override
  public void close() {
    long started = System.nanoTime();
    ready = false;
    if (connector != null && connector.isOpen()) {
      int port = connector.getLocalPort(); // -2 once closed
      try {
        connector.close();
        log.info("draining: no longer accepting connections on port {}", port);
      } catch (RuntimeException e) {
        log.warn("draining: could not stop accepting connections", e);
      }
    }
    syncplay.close();
    int told = socket.closeAllForRestart(CLOSE_FRAMES);
    log.info("draining: told {} room connections to reconnect (close {})", told < 0 ? "all (some frames unsent)" : told,
        dev.cowatch.protocol.CloseCodes.SERVICE_RESTART);
    String live = liveRoomCount();
    rooms.stop();
    log.info("draining: {} live rooms checkpointed where they are", live);
    app.stop();
    log.info("draining: HTTP stopped after requests in flight, {} ms after the stop began",
        (System.nanoTime() - started) / 1_000_000);
    media.close();
    timers.shutdownNow();
    roomEvents.shutdown(); // what is queued is still written, before the database closes
    try {
      if (!roomEvents.awaitTermination(5, TimeUnit.SECONDS)) {
        log.warn("watch history and chat lines still pending at shutdown were dropped");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    int late = socket.stopLateDepartures(LATE_DEPARTURES);
    if (late > 0) log.warn("{} members' departures their rooms could not hear yet were left to the other nodes", late);
    rooms.close();
    ops.close();
    redis.ifPresent(Redis::close);
    database.close();
    log.info("cowatch stopped");
  }

  /**
   * For the stop's log line only: in a cluster the count is Redis's, and a node stopped while Redis is away must go on
   * stopping (HTTP, media, the database) rather than fail at a log line.
   */
  private String liveRoomCount() {
    try {
      return String.valueOf(rooms.service().queries().roomCount());
    } catch (RuntimeException e) {
      return "(not counted: " + e.getMessage() + ")";
    }
  }
}
