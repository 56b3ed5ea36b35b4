package dev.cowatch.server.cli;

import dev.cowatch.core.Tolerances;
import dev.cowatch.server.CowatchServer;
import dev.cowatch.server.LogSetup;
import dev.cowatch.server.ServerConfig;
import dev.cowatch.server.ops.OpsConfig;
import dev.cowatch.server.ops.trace.OtlpEndpoint;
import dev.cowatch.server.platform.Ids;
import dev.cowatch.server.platform.Limits;
import dev.cowatch.server.platform.http.TrustedProxies;
import dev.cowatch.server.platform.jdbc.NewerSchemaException;
import dev.cowatch.server.platform.redis.RedisPasswords;
import dev.cowatch.server.platform.redis.SentinelAddress;
import dev.cowatch.server.room.live.ClusterConfig;
import dev.cowatch.server.showing.ShowingConfig;
import dev.cowatch.server.syncplay.SyncplayConfig;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ./cowatch}: starts the server; {@code ./cowatch audit verify} checks the audit log. Every
 * option can also come from its environment variable.
 */
@Command(
    name = "cowatch",
    subcommands = {AuditCommand.class, AdminCommand.class, BackupCommand.class, HealthcheckCommand.class},
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "Watch together: every viewer of a room on one timeline.",
    footer = "%nEvery option can also be set through the environment variable shown in its description.")
public final class Main implements Callable<Integer> {

  @Option(names = "--host", paramLabel = "ADDRESS", defaultValue = "${env:COWATCH_HOST:-0.0.0.0}",
      description = "Address to listen on (env COWATCH_HOST, default: ${DEFAULT-VALUE}).")
  String host;

  @Option(names = "--port", paramLabel = "PORT", defaultValue = "${env:COWATCH_PORT:-8080}",
      description = "HTTP and WebSocket port (env COWATCH_PORT, default: ${DEFAULT-VALUE}).")
  int port;

  @Mixin
  DatabaseOptions database;

  @Option(names = "--buffer-wait-timeout-ms", paramLabel = "MS",
      defaultValue = "${env:COWATCH_BUFFER_WAIT_TIMEOUT_MS:-5000}",
      description = "Default time a room waits for buffering members before resuming without them "
          + "(env COWATCH_BUFFER_WAIT_TIMEOUT_MS, default: ${DEFAULT-VALUE}).")
  long bufferWaitTimeoutMs;

  @Option(names = "--reconnect-grace-ms", paramLabel = "MS", defaultValue = "${env:COWATCH_RECONNECT_GRACE_MS:-30000}",
      description = "How long a disconnected member keeps its identity (env COWATCH_RECONNECT_GRACE_MS, "
          + "default: ${DEFAULT-VALUE}).")
  long reconnectGraceMs;

  @Option(names = "--max-rooms", paramLabel = "N", defaultValue = "${env:COWATCH_MAX_ROOMS:-10000}",
      description = "Rooms this server holds at most (env COWATCH_MAX_ROOMS, default: ${DEFAULT-VALUE}).")
  int maxRooms;

  @Option(names = "--max-frame-bytes", paramLabel = "BYTES", defaultValue = "${env:COWATCH_MAX_FRAME_BYTES:-16384}",
      description = "Largest WebSocket message accepted (env COWATCH_MAX_FRAME_BYTES, default: ${DEFAULT-VALUE}).")
  int maxFrameBytes;

  @Option(names = "--intents-per-second", paramLabel = "N", defaultValue = "${env:COWATCH_INTENTS_PER_SECOND:-10}",
      description = "Sustained intents per connection before rate_limited (env COWATCH_INTENTS_PER_SECOND, "
          + "default: ${DEFAULT-VALUE}).")
  double intentsPerSecond;

  @Option(names = "--connections-per-address", paramLabel = "N",
      defaultValue = "${env:COWATCH_CONNECTIONS_PER_ADDRESS:-64}",
      description = "Open HTTP and WebSocket connections one client address may hold; more are answered 429 "
          + "(env COWATCH_CONNECTIONS_PER_ADDRESS, default: ${DEFAULT-VALUE}). Behind a reverse proxy every "
          + "client has the proxy's address: raise it there.")
  int connectionsPerAddress;

  @Option(names = "--trusted-proxies", paramLabel = "CIDRS", defaultValue = "${env:COWATCH_TRUSTED_PROXIES:-}",
      description = "Reverse proxies whose X-Forwarded-For names the client, as addresses or CIDR blocks separated "
          + "by commas, e.g. 127.0.0.1,::1 behind a local nginx (env COWATCH_TRUSTED_PROXIES; default: none, every "
          + "client is its connection's peer). Per-address limits, audit and logs then count the real client.")
  String trustedProxies;

  @Option(names = "--room-creations-per-address", paramLabel = "N",
      defaultValue = "${env:COWATCH_ROOM_CREATIONS_PER_ADDRESS:-60}",
      description = "Rooms one client address may create in 15 minutes; more are answered 429 "
          + "(env COWATCH_ROOM_CREATIONS_PER_ADDRESS, default: ${DEFAULT-VALUE}).")
  int roomCreationsPerAddress;

  @Option(names = "--joins-at-once", paramLabel = "N", defaultValue = "${env:COWATCH_JOINS_AT_ONCE:-96}",
      description = "Hellos (joins and resumes) this node answers at once; more wait their turn in the order they "
          + "came (env COWATCH_JOINS_AT_ONCE, default: ${DEFAULT-VALUE}). See docs/operations.md.")
  int joinsAtOnce;

  @Mixin
  AccountOptions accounts;

  @Mixin
  MediaOptions media;

  @Option(names = "--showing-reminder", paramLabel = "DURATION",
      defaultValue = "${env:COWATCH_SHOWING_REMINDER:-PT30M}", converter = DurationConverter.class,
      description = "How long before a showing its reminder mails go out, e.g. PT30M or 2h "
          + "(env COWATCH_SHOWING_REMINDER, default: ${DEFAULT-VALUE}).")
  Duration showingReminder;

  @Option(names = "--showing-min-lead", paramLabel = "DURATION",
      defaultValue = "${env:COWATCH_SHOWING_MIN_LEAD:-PT1M}", converter = DurationConverter.class,
      description = "How soon after it is planned a showing may start, e.g. PT10M "
          + "(env COWATCH_SHOWING_MIN_LEAD, default: ${DEFAULT-VALUE}).")
  Duration showingMinLead;

  @Option(names = "--redis-url", paramLabel = "URL", defaultValue = "${env:COWATCH_REDIS_URL:-}",
      description = "Redis shared by the nodes of a cluster, e.g. redis://127.0.0.1:6379: live rooms, their "
          + "broadcasts and locks live there, so any node serves any member (env COWATCH_REDIS_URL; default: none, "
          + "one node with rooms in memory).")
  String redisUrl;

  @Option(names = "--redis-sentinel", paramLabel = "HOST:PORT,...", defaultValue = "${env:COWATCH_REDIS_SENTINEL:-}",
      description = "Instead of --redis-url: the sentinels of a Redis run with Sentinel, e.g. "
          + "10.0.0.1:26379,10.0.0.2:26379,10.0.0.3:26379; nodes ask them for the primary, and again after a failover "
          + "(env COWATCH_REDIS_SENTINEL; docs/operations.md, \"High availability\").")
  String redisSentinel;

  @Option(names = "--redis-master", paramLabel = "NAME", defaultValue = "${env:COWATCH_REDIS_MASTER:-cowatch}",
      description = "The name the sentinels watch the primary under (their 'sentinel monitor' line; "
          + "env COWATCH_REDIS_MASTER, default: ${DEFAULT-VALUE}).")
  String redisMaster;

  @Option(names = "--redis-password", paramLabel = "PASSWORD", defaultValue = "${env:COWATCH_REDIS_PASSWORD:-}",
      description = "The password the Redis primary and its replicas ask for (their requirepass). Set it in the "
          + "environment, COWATCH_REDIS_PASSWORD: a command line can be read by every user of the machine.")
  String redisPassword;

  @Option(names = "--redis-sentinel-password", paramLabel = "PASSWORD",
      defaultValue = "${env:COWATCH_REDIS_SENTINEL_PASSWORD:-}",
      description = "The sentinels' own password, when they have one (their requirepass); set it in the environment, "
          + "COWATCH_REDIS_SENTINEL_PASSWORD.")
  String redisSentinelPassword;

  @Option(names = "--redis-prefix", paramLabel = "PREFIX", defaultValue = "${env:COWATCH_REDIS_PREFIX:-cowatch:}",
      description = "Put before every Redis key, so deployments sharing one Redis stay apart "
          + "(env COWATCH_REDIS_PREFIX, default: ${DEFAULT-VALUE}).")
  String redisPrefix;

  @Option(names = "--role", paramLabel = "ROLE", defaultValue = "${env:COWATCH_ROLE:-all}",
      converter = RoleConverter.class,
      description = "What this node serves: all (default), api (REST, pages, uploads, background jobs) or sync "
          + "(room WebSockets); api and sync need --redis-url (env COWATCH_ROLE).")
  ClusterConfig.Role role;
  @Option(names = "--syncplay-port", paramLabel = "PORT", defaultValue = "${env:COWATCH_SYNCPLAY_PORT}",
      description = "Let Syncplay 1.6 clients into rooms on this TCP port, e.g. 8999 (env COWATCH_SYNCPLAY_PORT; "
          + "default: off). Their room field is the room's code (docs/operations.md, \"Syncplay clients\").")
  Integer syncplayPort;

  @Option(names = "--metrics-token", paramLabel = "TOKEN", defaultValue = "${env:COWATCH_METRICS_TOKEN}",
      description = "Bearer token /metrics requires; unset: /metrics is open (env COWATCH_METRICS_TOKEN).")
  String metricsToken;

  @Option(names = "--no-metrics", defaultValue = "${env:COWATCH_NO_METRICS:-false}",
      description = "Measure nothing and answer /metrics with 404 (env COWATCH_NO_METRICS=true).")
  boolean noMetrics;

  @Option(names = "--otlp-endpoint", paramLabel = "URL", defaultValue = "${env:COWATCH_OTLP_ENDPOINT}",
      description = "Export traces (HTTP requests, intents: receive, decide, persist, broadcast) by OTLP over "
          + "HTTP/protobuf to this receiver, e.g. http://collector:4318 (/v1/traces is added to a URL without a "
          + "path) (env COWATCH_OTLP_ENDPOINT; default: no tracing).")
  String otlpEndpoint;

  @Option(names = "--ice-servers", paramLabel = "URLS", defaultValue = "${env:COWATCH_ICE_SERVERS:-}",
      description = "STUN/TURN servers browsers use to connect to one another (sharing a file), separated by "
          + "commas: stun:host:3478,turn:host:3478?transport=udp (env COWATCH_ICE_SERVERS; default: none).")
  String iceServers;

  @Option(names = "--turn-secret", paramLabel = "SECRET", defaultValue = "${env:COWATCH_TURN_SECRET}",
      description = "coturn's static-auth-secret: TURN credentials are made per user and expire after "
          + "--turn-credential-ttl (env COWATCH_TURN_SECRET; unset: TURN URLs are given without credentials).")
  String turnSecret;

  @Option(names = "--turn-credential-ttl", paramLabel = "DURATION",
      defaultValue = "${env:COWATCH_TURN_CREDENTIAL_TTL:-PT12H}", converter = DurationConverter.class,
      description = "How long a TURN credential lasts (env COWATCH_TURN_CREDENTIAL_TTL, default: ${DEFAULT-VALUE}).")
  java.time.Duration turnCredentialTtl;

  @Option(names = "--log-format", paramLabel = "FORMAT", defaultValue = "${env:COWATCH_LOG_FORMAT:-plain}",
      description = "plain or json: one JSON object per line with request and room ids "
          + "(env COWATCH_LOG_FORMAT, default: ${DEFAULT-VALUE}).")
  String logFormat;

  private OpsConfig opsConfig() {
    OpsConfig ops = new OpsConfig(!noMetrics, metricsToken);
    if (otlpEndpoint == null || otlpEndpoint.isBlank()) return ops;
    try {
      return ops.withTraces(OtlpEndpoint.parse(otlpEndpoint));
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(new CommandLine(this), "--otlp-endpoint: " + e.getMessage());
    }
  }

  private TrustedProxies trustedProxies() {
    try {
      return TrustedProxies.parse(trustedProxies);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(new CommandLine(this), "--trusted-proxies: " + e.getMessage());
    }
  }

  private dev.cowatch.server.rtc.IceConfig iceConfig() {
    try {
      return dev.cowatch.server.rtc.IceConfig.parse(iceServers, turnSecret, turnCredentialTtl);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(new CommandLine(this), "--ice-servers: " + e.getMessage());
    }
  }

  /** --redis-url, or the URL of the sentinels named by --redis-sentinel; null for one node alone. */
  private String redisAddress() {
    if (redisSentinel == null || redisSentinel.isBlank()) return redisUrl;
    if (redisUrl != null && !redisUrl.isBlank()) {
      throw new CommandLine.ParameterException(new CommandLine(this),
          "--redis-url and --redis-sentinel both name a Redis: give one of them");
    }
    try {
      return SentinelAddress.url(redisSentinel, redisMaster);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(new CommandLine(this), e.getMessage());
    }
  }

  @Override
  public Integer call() throws Exception {
    if (!logFormat.equals("plain") && !logFormat.equals("json")) {
      throw new CommandLine.ParameterException(new CommandLine(this), "--log-format must be plain or json, not '"
          + logFormat + "'");
    }
    LogSetup.useFormat(logFormat);
    Tolerances tolerances = Tolerances.DEFAULTS.withRoomTimings(bufferWaitTimeoutMs, reconnectGraceMs);
    Limits l = Limits.DEFAULTS;
    Limits limits = new Limits(maxFrameBytes, intentsPerSecond, l.intentBurst(), l.messagesPerSecond(), l.floodBurst(),
        l.outboxCapacity(), l.sendTimeoutMs(), l.helloTimeoutMs(), maxRooms, connectionsPerAddress,
        roomCreationsPerAddress, joinsAtOnce);
    ServerConfig config = ServerConfig.builder(host, port, database.dataDir())
        .database(database.config())
        .tolerances(tolerances)
        .limits(limits)
        .accounts(accounts.config())
        .media(media.config())
        .showings(new ShowingConfig(showingReminder, showingMinLead))
        .ops(opsConfig())
        .cluster(new ClusterConfig(redisAddress(), redisPrefix, role,
            new RedisPasswords(redisPassword, redisSentinelPassword)))
        .syncplay(syncplayPort == null ? SyncplayConfig.off() : SyncplayConfig.on(syncplayPort))
        .ice(iceConfig())
        .trustedProxies(trustedProxies())
        .build();
    CowatchServer server;
    try {
      server = new CowatchServer(config, Clock.systemUTC(), Ids.secure()).start();
    } catch (NewerSchemaException refused) {
      // The message is all the operator needs (where, both versions, what to do); a stack trace would bury it.
      System.err.println("cowatch: " + refused.getMessage());
      return CommandLine.ExitCode.SOFTWARE;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      // SIGTERM: drain and stop (CowatchServer#close); a stop that hangs is cut off at the bound.
      Thread bound = Thread.ofPlatform().daemon().name("cowatch-stop-bound").start(() -> {
        try {
          Thread.sleep(STOP_BOUND.toMillis());
        } catch (InterruptedException stoppedInTime) {
          return;
        }
        System.err.println("cowatch: the stop took longer than " + STOP_BOUND.toSeconds() + " s; exiting now");
        Runtime.getRuntime().halt(1);
      });
      server.close();
      bound.interrupt();
      stopped.countDown();
    }, "cowatch-shutdown"));
    stopped.await();
    return 0;
  }

  /**
   * A stop (SIGTERM) ends the process within this: the drain's own steps are bounded (close frames 2 s,
   * requests in flight 5 s) and the rest is quick; this catches whatever hangs (docs/operations.md, "Restarts").
   */
  static final Duration STOP_BOUND = Duration.ofSeconds(20);

  public static void main(String[] args) {
    tellJettyTheReferenceSize();
    int code = new CommandLine(new Main()).execute(args);
    if (code != 0) System.exit(code);
  }

  /** Jetty reads this property before it would ask the JVM itself. */
  static final String JETTY_REFERENCES_PER_CACHE_LINE = "org.eclipse.jetty.util.referencesPerCacheLine";

  /**
   * Jetty pads a queue to a cache line and, unless told how many references fit in one, asks the
   * platform MBean server whether references are compressed: starting that server (JMX, and JFR's
   * beans with it) took 120-160 ms of every start here. The JVM compresses references (4 bytes, 16 per
   * 64-byte line) unless the heap is 32 GiB or more; a wrong guess costs only a little padding.
   */
  static void tellJettyTheReferenceSize() {
    if (System.getProperty(JETTY_REFERENCES_PER_CACHE_LINE) != null) return;
    boolean compressed = Runtime.getRuntime().maxMemory() < 32L << 30;
    System.setProperty(JETTY_REFERENCES_PER_CACHE_LINE, compressed ? "16" : "8");
  }

  /** ISO-8601 (PT30M) or the short forms 90s, 30m, 2h, 1d. */
  static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      String v = value.strip().toLowerCase(java.util.Locale.ROOT);
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d{1,6})([smhd])").matcher(v);
      if (m.matches()) {
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
          case "s" -> Duration.ofSeconds(n);
          case "m" -> Duration.ofMinutes(n);
          case "h" -> Duration.ofHours(n);
          default -> Duration.ofDays(n);
        };
      }
      try {
        return Duration.parse(value.strip().toUpperCase(java.util.Locale.ROOT));
      } catch (java.time.format.DateTimeParseException e) {
        throw new CommandLine.TypeConversionException("'" + value + "' is not a duration like 30m, 2h or PT30M");
      }
    }
  }

  static final class RoleConverter implements CommandLine.ITypeConverter<ClusterConfig.Role> {
    @Override
    public ClusterConfig.Role convert(String value) {
      try {
        return ClusterConfig.Role.valueOf(value.strip().toUpperCase(java.util.Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException("'" + value + "' is not a role: all, api or sync");
      }
    }
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      // As /api/health and a refused newer database say it (the jar's manifest has no Implementation-Version).
      return new String[] {"cowatch " + dev.cowatch.server.platform.BuildVersion.current()};
    }
  }
}
