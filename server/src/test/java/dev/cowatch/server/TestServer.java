package dev.cowatch.server;

import dev.cowatch.client.CowatchClient;
import dev.cowatch.core.Tolerances;
import dev.cowatch.core.room.RoomId;
import dev.cowatch.core.room.RoomSettings;
import dev.cowatch.core.room.UserId;
import dev.cowatch.server.account.Identity;
import dev.cowatch.server.platform.Ids;
import dev.cowatch.server.platform.Limits;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Starts the real server on a random port with embedded storage and hands out connected clients;
 * closes all of it afterwards. Use with try-with-resources.
 */
public final class TestServer implements AutoCloseable {
  private final CowatchServer server;
  private final Path dataDir;
  private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
  private final List<CowatchClient> clients = new ArrayList<>();

  public TestServer() {
    this(Tolerances.DEFAULTS, Limits.DEFAULTS);
  }

  public TestServer(Tolerances tolerances, Limits limits) {
    this(tempDir(), tolerances, limits);
  }

  /**
   * A server on {@code dataDir}: a second one on the same directory sees what the first stored. The per-address
   * limits are lifted as in {@link ServerConfig#ephemeral} (every test client is 127.0.0.1); tests of those
   * limits set them through the constructor that takes a {@code configure}.
   */
  public TestServer(Path dataDir, Tolerances tolerances, Limits limits) {
    this(dataDir, c -> c.tolerances(tolerances)
        .limits(limits.withPerAddress(ServerConfig.LOOPBACK_CROWD, ServerConfig.LOOPBACK_CROWD)), Clock.systemUTC());
  }

  /** A server on {@code dataDir} with the embedded defaults changed by {@code configure}, reading {@code clock}. */
  public TestServer(Path dataDir, java.util.function.UnaryOperator<ServerConfig.Builder> configure, Clock clock) {
    this.dataDir = dataDir;
    server = new CowatchServer(configure.apply(ServerConfig.ephemeral(dataDir)).build(), clock, Ids.secure()).start();
  }

  /** A server on {@code dataDir} whose rooms, accounts and media rows are in {@code database}. */
  public TestServer(Path dataDir, dev.cowatch.server.platform.jdbc.DatabaseConfig database) {
    this.dataDir = dataDir;
    ServerConfig config = ServerConfig.ephemeral(dataDir).database(database).build();
    server = new CowatchServer(config, Clock.systemUTC(), Ids.secure()).start();
  }

  public static Path tempDir() {
    try {
      return Files.createTempDirectory("cowatch-test");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  public Path dataDir() {
    return dataDir;
  }

  public URI baseUri() {
    return URI.create("http://127.0.0.1:" + server.port());
  }

  public URI wsUri(String roomId) {
    return URI.create("ws://127.0.0.1:" + server.port() + "/ws/rooms/" + roomId);
  }

  public CowatchServer server() {
    return server;
  }

  public ScheduledExecutorService scheduler() {
    return scheduler;
  }

  /** The account that owns rooms made by {@link #createRoom}. */
  public static final Identity OWNER = new Identity(new UserId("u-test-owner"), Identity.Kind.ACCOUNT, "Owner");

  /** A new room with these settings owned by {@link #OWNER}, created through the service (not HTTP). */
  public RoomId createRoom(RoomSettings settings, String mediaId) {
    return server.rooms().service().create(settings, OWNER, mediaId, null).orElseThrow().id();
  }

  public RoomId createRoom(String mediaId) {
    return createRoom(RoomSettings.defaults("test", server.rooms().service().tolerances().bufferWaitTimeoutMs()), mediaId);
  }

  /** A client builder for the room; the client is closed with this server. */
  public CowatchClient.Builder client(RoomId room, String name) {
    return CowatchClient.builder(baseUri(), room.value(), scheduler).name(name)
        .tolerances(server.rooms().service().tolerances());
  }

  /** A client that has joined and finished its first clock-sync burst. */
  public CowatchClient joined(RoomId room, String name) {
    return joined(client(room, name).build());
  }

  public CowatchClient joined(CowatchClient c) {
    clients.add(c);
    try {
      c.connect().get(5, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("could not join", e);
    }
    long until = System.currentTimeMillis() + 5_000;
    try {
      // Sleep rather than spin: the test machine may have two cores for the server and all clients.
      while (!c.clockSynced() && System.currentTimeMillis() < until) Thread.sleep(5);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return c;
  }

  @Override
  public void close() {
    for (CowatchClient c : clients) c.close();
    server.close();
    scheduler.shutdownNow();
  }
}
