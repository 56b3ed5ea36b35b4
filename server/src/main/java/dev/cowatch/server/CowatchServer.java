package dev.cowatch.server;

import dev.cowatch.protocol.JsonCodec;
import dev.cowatch.server.http.HealthRoutes;
import dev.cowatch.server.http.Problem;
import dev.cowatch.server.account.Authenticator;
import dev.cowatch.server.audit.AuditLog;
import dev.cowatch.server.http.ApiProblem;
import dev.cowatch.server.http.Caller;
import dev.cowatch.server.http.DirectoryRoutes;
import dev.cowatch.server.http.InviteRoutes;
import dev.cowatch.server.http.RoomMemberRoutes;
import dev.cowatch.server.http.RoomRoutes;
import dev.cowatch.server.jdbc.JdbcInviteRepository;
import dev.cowatch.server.jdbc.JdbcRoomRepository;
import dev.cowatch.server.room.InviteTokens;
import dev.cowatch.server.room.RoomManagement;
import dev.cowatch.server.room.RoomPasswords;
import dev.cowatch.server.room.RoomRefusal;
import dev.cowatch.server.ws.Identities;
import dev.cowatch.server.http.WebRoutes;
import dev.cowatch.server.jdbc.Database;
import io.javalin.http.staticfiles.Location;
import dev.cowatch.server.room.InMemoryRoomBus;
import dev.cowatch.server.room.InMemoryRoomStore;
import dev.cowatch.server.room.RoomService;
import dev.cowatch.server.ws.RoomSocket;
import io.javalin.Javalin;
import io.javalin.http.HttpResponseException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.eclipse.jetty.server.ServerConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Wires the embedded default (in-memory rooms, one node) and runs it on Javalin/Jetty. */
public final class CowatchServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(CowatchServer.class);
  /** Jetty's default accept backlog is 50; a reconnect storm after a restart needs far more. */
  private static final int ACCEPT_QUEUE = 4_096;

  private final ServerConfig config;
  private final ScheduledExecutorService timers;
  private final Database database;
  private final RoomService rooms;
  private final RoomSocket socket;
  private final Javalin app;
  private volatile boolean ready;

  public CowatchServer(ServerConfig config, Clock clock, Ids ids) {
    this.config = config;
    createDataDir(config);
    this.database = Database.open(config.database());
    this.timers = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "cowatch-timers");
      t.setDaemon(true);
      return t;
    });
    JsonCodec codec = new JsonCodec();
    this.rooms = new RoomService(new InMemoryRoomStore(), new JdbcRoomRepository(database.jdbi()), new InMemoryRoomBus(),
        config.tolerances(), clock, ids, codec, timers, config.limits().maxRooms());
    // Until the accounts module is wired: no token is valid, so everyone is an anonymous guest.
    Authenticator authenticator = token -> java.util.Optional.empty();
    AuditLog audit = entry -> log.info("audit {}", entry);
    byte[] inviteKey = new byte[32];
    new java.security.SecureRandom().nextBytes(inviteKey);
    RoomManagement management = new RoomManagement(rooms, new JdbcInviteRepository(database.jdbi()),
        new InviteTokens(inviteKey), RoomPasswords.defaults(), audit, clock);
    this.socket = new RoomSocket(rooms, new Identities(authenticator), codec, clock, config.limits());
    Caller caller = new Caller(authenticator);
    RoomRoutes roomRoutes = new RoomRoutes(management, caller, config.tolerances().bufferWaitTimeoutMs());
    RoomMemberRoutes memberRoutes = new RoomMemberRoutes(management, caller);
    InviteRoutes inviteRoutes = new InviteRoutes(management, caller, () -> "http://localhost:" + port());
    DirectoryRoutes directoryRoutes = new DirectoryRoutes(management, caller);
    WebRoutes web = new WebRoutes();
    HealthRoutes health = new HealthRoutes(clock, rooms::roomCount, socket::connectionCount, () -> ready);
    Limits limits = config.limits();
    this.app = Javalin.create(c -> {
      c.concurrency.useVirtualThreads = true;
      c.startup.showJavalinBanner = false;
      c.jetty.host = config.host();
      c.jetty.port = config.port();
      c.jetty.addConnector((server, httpConfig) -> {
        ServerConnector connector = new ServerConnector(server, new org.eclipse.jetty.server.HttpConnectionFactory(httpConfig));
        connector.setHost(config.host());
        connector.setPort(config.port());
        connector.setAcceptQueueSize(ACCEPT_QUEUE);
        return connector;
      });
      c.jetty.modifyWebSocketServletFactory(ws -> {
        ws.setMaxTextMessageSize(limits.maxFrameBytes());
        ws.setMaxBinaryMessageSize(limits.maxFrameBytes());
        // Our own heartbeat sweep decides when a connection is dead; Jetty's timeout is a backstop.
        ws.setIdleTimeout(Duration.ofMillis(config.tolerances().deadConnectionMs() * 5));
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
      roomRoutes.register(c.routes);
      memberRoutes.register(c.routes);
      inviteRoutes.register(c.routes);
      directoryRoutes.register(c.routes);
      c.routes.ws(RoomSocket.PATH, socket::configure);
      // Javalin answers its own errors (no such route, method not allowed) in text/plain unless the
      // application maps HttpResponseException itself: ours are problem+json like every other error.
      c.routes.exception(HttpResponseException.class, (e, ctx) -> {
        if (e.getStatus() == 404) {
          Problem.send(ctx, 404, "not-found", "Not found", "no route " + ctx.method() + " " + ctx.path());
        } else {
          Problem.send(ctx, e.getStatus(), "http-" + e.getStatus(), e.getMessage(), null);
        }
      });
      c.routes.error(404, ctx -> {
        if (ctx.result() == null) Problem.send(ctx, 404, "not-found", "Not found", "no route " + ctx.method() + " " + ctx.path());
      });
      c.routes.exception(ApiProblem.class, (e, ctx) -> Problem.send(ctx, e.status(), e.type(), e.title(), e.getMessage()));
      c.routes.exception(RoomRefusal.class, (e, ctx) -> Problem.send(ctx, statusOf(e.kind()), e.type(),
          titleOf(e.kind()), e.getMessage()));
      c.routes.exception(Exception.class, (e, ctx) -> {
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

  private static int statusOf(RoomRefusal.Kind kind) {
    return switch (kind) {
      case NOT_FOUND -> 404;
      case GONE -> 410;
      case FORBIDDEN -> 403;
      case INVALID -> 422;
      case CONFLICT -> 409;
      case CAPACITY -> 503;
    };
  }

  private static String titleOf(RoomRefusal.Kind kind) {
    return switch (kind) {
      case NOT_FOUND -> "Not found";
      case GONE -> "No longer valid";
      case FORBIDDEN -> "Not allowed";
      case INVALID -> "Invalid request";
      case CONFLICT -> "Conflict";
      case CAPACITY -> "No capacity";
    };
  }

  public CowatchServer start() {
    rooms.start();
    socket.startSweeping(timers);
    app.start();
    ready = true;
    log.info("cowatch listening on http://{}:{} data={}", config.host(), port(), config.dataDir().toAbsolutePath());
    return this;
  }

  public int port() {
    return app.port();
  }

  public Database database() {
    return database;
  }

  public RoomService rooms() {
    return rooms;
  }

  @Override
  public void close() {
    ready = false;
    app.stop();
    try {
      rooms.stop();
    } catch (RuntimeException e) {
      log.error("could not save the rooms' timelines at shutdown", e);
    }
    timers.shutdownNow();
    database.close();
    log.info("cowatch stopped");
  }
}
