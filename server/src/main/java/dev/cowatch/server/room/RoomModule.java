package dev.cowatch.server.room;

import dev.cowatch.core.Tolerances;
import dev.cowatch.protocol.JsonCodec;
import dev.cowatch.server.account.AccountModule;
import dev.cowatch.server.account.Argon2Params;
import dev.cowatch.server.account.PasswordHasher;
import dev.cowatch.server.audit.AuditLog;
import dev.cowatch.server.platform.Ids;
import dev.cowatch.server.platform.Limits;
import dev.cowatch.server.platform.jdbc.Database;
import dev.cowatch.server.platform.redis.Redis;
import dev.cowatch.server.platform.trace.Tracing;
import dev.cowatch.server.room.access.InviteTokens;
import dev.cowatch.server.room.access.PasswordGuesses;
import dev.cowatch.server.room.access.RoomPasswords;
import dev.cowatch.server.room.bus.LocalDelivery;
import dev.cowatch.server.room.http.DirectoryRoutes;
import dev.cowatch.server.room.http.InviteRoutes;
import dev.cowatch.server.room.http.RoomMemberRoutes;
import dev.cowatch.server.room.http.RoomPreviewRoutes;
import dev.cowatch.server.room.http.RoomRoutes;
import dev.cowatch.server.room.jdbc.JdbcInviteRepository;
import dev.cowatch.server.room.jdbc.JdbcRoomRepository;
import dev.cowatch.server.room.live.LiveRooms;
import dev.cowatch.server.room.live.RoomRepository;
import dev.cowatch.server.room.media.MediaDescriptions;
import dev.cowatch.server.room.media.MediaPlacement;
import dev.cowatch.server.room.media.PlacementSwitch;
import dev.cowatch.server.room.media.SubtitleTracks;
import dev.cowatch.server.room.metrics.MeasuredRoomBus;
import dev.cowatch.server.room.metrics.RoomMetrics;
import dev.cowatch.server.room.preview.RoomLinks;
import dev.cowatch.server.room.preview.RoomPreviews;
import dev.cowatch.server.room.redis.RedisLiveRooms;
import dev.cowatch.server.room.ws.Identities;
import dev.cowatch.server.room.ws.PeerCredentials;
import dev.cowatch.server.room.ws.RoomChat;
import dev.cowatch.server.room.ws.RoomSocket;
import io.javalin.config.RoutesConfig;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rooms wired for this server: live rooms in memory (or in Redis, shared with the cluster's other nodes), what must outlive the process in the database,
 * management (passwords, invites, the directory) over REST and sessions over the room socket. Other
 * modules reach rooms through {@link #service()} and {@link #management()}; rooms know none of them:
 * the socket's chat and subtitle lookups are ports ({@link RoomChat}, {@link SubtitleTracks}) the
 * chat and media modules fill in.
 */
public final class RoomModule {
  private static final Logger log = LoggerFactory.getLogger(RoomModule.class);

  /** Spreads a large room's broadcasts over the cores. */
  private final LocalDelivery delivery;
  private final LiveRooms live;
  private final RoomService service;
  private final RoomManagement management;
  private final AccountModule accounts;
  private final Limits limits;
  private final Clock clock;
  private final Ids ids;
  private final JsonCodec codec;
  private final Supplier<String> linkBase;
  private final RoomMetrics metrics;
  private final Tracing tracing;
  /** Set by {@link #openSocket}, before the server is built. */
  private RoomSocket socket;
  /** Titles and posters for previews; the media module fills it in ({@link #describeMediaWith}). */
  private volatile MediaDescriptions mediaDescriptions = MediaDescriptions.NONE;
  private final RoomLinks links;
  /** Who may put library items into rooms; the media module fills it in ({@link #placeMediaWith}). */
  private final PlacementSwitch placement;

  private RoomModule(LocalDelivery delivery, LiveRooms live, RoomService service, RoomManagement management,
      AccountModule accounts, Limits limits, Clock clock, Ids ids, JsonCodec codec, Supplier<String> linkBase,
      RoomMetrics metrics, Tracing tracing, PlacementSwitch placement) {
    this.placement = placement;
    this.metrics = metrics;
    this.tracing = tracing;
    this.delivery = delivery;
    this.live = live;
    this.service = service;
    this.management = management;
    this.accounts = accounts;
    this.limits = limits;
    this.clock = clock;
    this.ids = ids;
    this.codec = codec;
    this.linkBase = linkBase;
    this.links = new RoomLinks(management, new RoomPreviews(id -> mediaDescriptions.describe(id)), clock, linkBase);
  }

  /**
   * @param linkBase where invitation links point: the configured public URL, never a request's Host
   *     header (anyone can send any Host, and the link goes to someone else)
   * @param metrics what rooms and their sockets report to the operator's metrics ({@link RoomMetrics#NONE}: nothing)
   * @param tracing spans of intents and decisions ({@link Tracing#OFF}: none)
   */
  public static RoomModule create(Database database, AccountModule accounts, AuditLog audit, Tolerances tolerances,
      Limits limits, Argon2Params hashing, Clock clock, Ids ids, JsonCodec codec, ScheduledExecutorService timers,
      Supplier<String> linkBase, Optional<Redis> redis, RoomMetrics metrics, Tracing tracing) {
    LocalDelivery delivery = LocalDelivery.forThisMachine();
    LiveRooms shared = redis.map(r -> RedisLiveRooms.over(r, ids.recordId(), delivery, codec))
        .orElseGet(() -> LiveRooms.inMemory(delivery));
    // Metrics off: not even the bus's two clock reads per broadcast.
    LiveRooms live = metrics == RoomMetrics.NONE ? shared : shared.withBus(new MeasuredRoomBus(shared.bus(), metrics));
    RoomRepository repository = new JdbcRoomRepository(database.jdbi());
    RoomService service = new RoomService(live, repository, tolerances, clock, ids, codec, timers, limits.maxRooms(),
        tracing);
    PlacementSwitch placement = new PlacementSwitch();
    RoomManagement management = new RoomManagement(service, repository, new JdbcInviteRepository(database.jdbi()),
        new InviteTokens(accounts.secrets().derive("room-invite")), new RoomPasswords(new PasswordHasher(hashing)),
        audit, clock, ids, accounts.attemptCounters().create("room-creation-address",
            limits.roomCreationsPerAddress(), Limits.CREATION_WINDOW),
        PasswordGuesses.on(accounts.attemptCounters()), placement);
    return new RoomModule(delivery, live, service, management, accounts, limits, clock, ids, codec, linkBase, metrics,
        tracing, placement);
  }

  /**
   * Opens the room socket once the modules it carries exist: chat lines ({@code chat}) and the
   * subtitle tracks a room may choose ({@code subtitles}, checked against the media library).
   */
  public RoomSocket openSocket(RoomChat chat, SubtitleTracks subtitles) {
    if (socket != null) throw new IllegalStateException("the room socket is already open");
    socket = new RoomSocket(service, chat, subtitles, placement, new Identities(accounts.authenticator(), ids), codec,
        clock, limits, metrics, tracing, new PeerCredentials(accounts.secrets().derive("peer-credential"), clock));
    // Signed out (or everywhere, or password reset): the user's room connections close, on one node within
    // the request, in a cluster as soon as the notice has gone round (every node, this one too).
    accounts.services().sessionEnds().subscribe(live.sessionNotices()::publish);
    live.sessionNotices().subscribe(socket::sessionsChanged);
    // Redis lost the live rooms and sessions: everyone here reconnects (1012) and joins afresh, and the
    // first join of each room loads it from its checkpoint.
    live.sessions().onLost(() -> socket.closeAllForRestart(java.time.Duration.ofSeconds(5)));
    return socket;
  }

  /** Room previews name and show the media module's items through {@code descriptions}. */
  public void describeMediaWith(MediaDescriptions descriptions) {
    this.mediaDescriptions = descriptions;
  }

  /**
   * Library items ({@code media:<id>}) go into rooms, over REST and the room socket, only as {@code placement}
   * allows (the media module's shares); until this is called, none may.
   */
  public void placeMediaWith(MediaPlacement placement) {
    this.placement.use(placement);
  }

  /** What a room's media is called: an upload's title, else a URL's file name (null: no media). */
  public String mediaTitle(String mediaId) {
    if (mediaId == null) return null;
    return mediaDescriptions.describe(mediaId).map(MediaDescriptions.Description::title)
        .orElseGet(() -> RoomPreviews.fileName(mediaId));
  }

  /** Previews of room links: the join page's JSON and the Open Graph tags of {@code /r/<roomId>}. */
  public RoomLinks links() {
    return links;
  }

  /** Adds {@code /api/rooms/*} (settings, members, invites) and the public directory. */
  public void registerRoutes(RoutesConfig routes) {
    var caller = accounts.authentication();
    new RoomRoutes(management, caller, service.tolerances().bufferWaitTimeoutMs()).register(routes);
    new RoomMemberRoutes(management, caller).register(routes);
    new InviteRoutes(management, caller, linkBase).register(routes);
    new DirectoryRoutes(management, caller).register(routes);
    new RoomPreviewRoutes(links, caller).register(routes);
  }

  /** Loads the rooms that were live and starts the socket's heartbeat sweep. */
  public void start(ScheduledExecutorService timers) {
    service.start();
    socket.startSweeping(timers);
  }

  /** Saves the playing rooms' timelines; what is still being broadcast goes on until {@link #close}. */
  public void stop() {
    try {
      service.stop();
    } catch (RuntimeException e) {
      log.error("could not save the rooms' timelines at shutdown", e);
    }
  }

  public void close() {
    try {
      live.resources().close();
    } catch (Exception e) {
      log.warn("could not close the live rooms' connections", e);
    }
    delivery.close();
  }

  public RoomService service() {
    return service;
  }

  /** Creating rooms and what REST changes in them (roster, settings, passwords, invites). */
  public RoomManagement management() {
    return management;
  }

  public RoomSocket socket() {
    return socket;
  }
}
