package dev.cowatch.server.syncplay;

import dev.cowatch.protocol.JsonCodec;
import dev.cowatch.server.account.AccountModule;
import dev.cowatch.server.platform.Ids;
import dev.cowatch.server.platform.Limits;
import dev.cowatch.server.platform.http.AddressCounts;
import dev.cowatch.server.room.RoomModule;
import dev.cowatch.server.room.ws.MessageLimits;
import dev.cowatch.server.room.ws.RoomChat;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Clock;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Syncplay clients in Cowatch rooms ({@code --syncplay-port}, off by default): a TCP endpoint speaking
 * Syncplay 1.6's line protocol, each client a member of the room its room field names
 * (docs/operations.md, "Syncplay clients"). Uses rooms (their service, management, chat port) and
 * accounts (guest identities for password rooms); nothing uses it.
 */
public final class SyncplayModule implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(SyncplayModule.class);
  /** Syncplay's SERVER_STATE_INTERVAL: every client is told the room's state once a second. */
  static final long STATE_INTERVAL_MS = 1_000;
  /** Connections waiting to be accepted: as the web listener's, for a reconnect storm after a restart. */
  private static final int ACCEPT_QUEUE = 4_096;

  private final SyncplayConfig config;
  private final String host;
  private final RoomModule rooms;
  private final SyncplayAdmission admission;
  private final RoomChat chat;
  private final JsonCodec codec;
  private final Clock clock;
  private final Limits limits;
  private final AddressCounts perAddress;
  private final Set<SyncplayConnection> connections = ConcurrentHashMap.newKeySet();
  private ServerSocket server;
  private ScheduledFuture<?> ticking;

  private SyncplayModule(SyncplayConfig config, String host, RoomModule rooms, SyncplayAdmission admission,
      RoomChat chat, JsonCodec codec, Clock clock, Limits limits) {
    this.config = config;
    this.host = host;
    this.rooms = rooms;
    this.admission = admission;
    this.chat = chat;
    this.codec = codec;
    this.clock = clock;
    this.limits = limits;
    this.perAddress = new AddressCounts(limits.connectionsPerAddress());
  }

  /** {@code host}: the address to listen on (the web listener's); {@code chat}: the room socket's chat port. */
  public static SyncplayModule create(SyncplayConfig config, String host, RoomModule rooms, AccountModule accounts,
      RoomChat chat, Ids ids, Clock clock, Limits limits) {
    SyncplayAdmission admission = new SyncplayAdmission(rooms.service(), rooms.management(),
        accounts.services().sessions(), ids);
    return new SyncplayModule(config, host, rooms, admission, chat, new JsonCodec(), clock, limits);
  }

  /** Listens, when the endpoint is on; the state ticks run on {@code timers}. */
  public void start(ScheduledExecutorService timers) {
    if (!config.enabled()) return;
    try {
      server = new ServerSocket();
      server.setReuseAddress(true);
      server.bind(new InetSocketAddress(host == null || host.isBlank() ? null : InetAddress.getByName(host),
          config.port()), ACCEPT_QUEUE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen for Syncplay clients on " + host + ":" + config.port(), e);
    }
    Thread.ofPlatform().daemon().name("syncplay-accept").start(this::accept);
    ticking = timers.scheduleAtFixedRate(this::tick, STATE_INTERVAL_MS, STATE_INTERVAL_MS, TimeUnit.MILLISECONDS);
    log.info("syncplay clients: listening on {}:{}", host, port());
  }

  /** The port Syncplay clients connect to, or -1 when the endpoint is off. */
  public int port() {
    return server == null ? -1 : server.getLocalPort();
  }

  /** Syncplay clients connected now. */
  public int connectionCount() {
    return connections.size();
  }

  private void accept() {
    while (!server.isClosed()) {
      Socket socket;
      try {
        socket = server.accept();
      } catch (IOException e) {
        if (!server.isClosed()) log.warn("syncplay: accept failed", e);
        continue;
      }
      InetAddress from = socket.getInetAddress();
      if (!perAddress.opened(from)) {
        perAddress.closed(from);
        refuse(socket, "too many connections from your address");
        continue;
      }
      try {
        socket.setTcpNoDelay(true);
        SyncplayConnection c = new SyncplayConnection(socket, limits.maxFrameBytes(), gone -> {
          connections.remove(gone);
          perAddress.closed(from);
        });
        connections.add(c);
        c.start(conn -> new SyncplaySession(rooms.service(), admission, chat, codec, clock,
            new MessageLimits(limits, System::nanoTime), rooms::mediaTitle, conn.address(), conn, conn));
      } catch (IOException e) {
        perAddress.closed(from);
        closeQuietly(socket);
      }
    }
  }

  private void tick() {
    long now = clock.millis();
    for (SyncplayConnection c : connections) {
      if (c.silentSince(now, limits.helloTimeoutMs())) c.close();
      else c.tick();
    }
  }

  private static void refuse(Socket socket, String why) {
    try {
      socket.getOutputStream().write((SyncplayLines.error(why) + "\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
    } catch (IOException ignored) {
      // It goes anyway.
    }
    closeQuietly(socket);
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // Already gone.
    }
  }

  /** Stops listening and closes every Syncplay connection (their members leave). */
  @Override
  public void close() {
    if (ticking != null) ticking.cancel(false);
    if (server != null) closeQuietly(server);
    for (SyncplayConnection c : connections) c.close();
  }

  private static void closeQuietly(ServerSocket s) {
    try {
      s.close();
    } catch (IOException ignored) {
      // Already closed.
    }
  }
}
