package dev.cowatch.server;

import static java.util.Objects.requireNonNull;

import dev.cowatch.core.Tolerances;
import dev.cowatch.server.account.AccountConfig;
import dev.cowatch.server.media.MediaConfig;
import dev.cowatch.server.ops.OpsConfig;
import dev.cowatch.server.platform.Limits;
import dev.cowatch.server.platform.http.TrustedProxies;
import dev.cowatch.server.platform.jdbc.DatabaseConfig;
import dev.cowatch.server.room.live.ClusterConfig;
import dev.cowatch.server.rtc.IceConfig;
import dev.cowatch.server.showing.ShowingConfig;
import dev.cowatch.server.syncplay.SyncplayConfig;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

/**
 * Everything the server needs to start, every part given: the command line ({@code cli.Main}) fills it from
 * options and the environment. Built with {@link #builder} (production defaults) or {@link #ephemeral} (tests
 * and benchmarks), which hold every default; the constructor only checks.
 */
public record ServerConfig(String host, int port, Path dataDir, DatabaseConfig database, Tolerances tolerances,
    Limits limits, AccountConfig accounts, MediaConfig media, ShowingConfig showings, OpsConfig ops,
    ClusterConfig cluster, SyncplayConfig syncplay, IceConfig ice, TrustedProxies trustedProxies) {

  public ServerConfig {
    requireNonNull(host, "host");
    requireNonNull(dataDir, "dataDir");
    requireNonNull(database, "database");
    requireNonNull(tolerances, "tolerances");
    requireNonNull(limits, "limits");
    requireNonNull(accounts, "accounts");
    requireNonNull(media, "media");
    requireNonNull(showings, "showings");
    requireNonNull(ops, "ops");
    requireNonNull(cluster, "cluster");
    requireNonNull(syncplay, "syncplay");
    requireNonNull(ice, "ice");
    requireNonNull(trustedProxies, "trustedProxies");
  }

  /**
   * Listening on {@code host:port} (port 0: any free one), data under {@code dataDir}, everything else as a
   * server with no option set has it: see {@link Builder}.
   */
  public static Builder builder(String host, int port, Path dataDir) {
    return new Builder(host, port, dataDir);
  }

  /**
   * Embedded defaults on a random free port, an SQLite file under {@code dataDir}: what tests and benchmarks start.
   * Their clients all come from loopback, so the per-address limits are lifted here (tests of those limits
   * set them low again); the server itself exempts no address. Accounts hash passwords cheaply.
   */
  public static Builder ephemeral(Path dataDir) {
    return builder("127.0.0.1", 0, dataDir)
        .limits(Limits.DEFAULTS.withPerAddress(LOOPBACK_CROWD, LOOPBACK_CROWD))
        .accounts(AccountConfig.fastForTests());
  }

  /** Per-address limits of test and benchmark servers: every client of theirs is 127.0.0.x. */
  public static final int LOOPBACK_CROWD = 1_000_000;

  /**
   * A {@link ServerConfig} part by part. Each part starts at its default: the embedded SQLite file under the
   * data directory, the default tolerances and limits, identity's production defaults (tokens, Argon2id
   * cost, mail to the log), media on local disk under {@code <dataDir>/media}, showings by the default rules,
   * the operator's side with metrics open and no token, one node alone, no Syncplay endpoint, no STUN or
   * TURN server, and no proxy trusted (every client is its connection's peer).
   */
  public static final class Builder {
    private String host;
    private int port;
    private final Path dataDir;
    private DatabaseConfig database;
    private Tolerances tolerances = Tolerances.DEFAULTS;
    private Limits limits = Limits.DEFAULTS;
    private AccountConfig accounts = AccountConfig.defaults();
    private MediaConfig media = MediaConfig.local();
    private ShowingConfig showings = ShowingConfig.defaults();
    private OpsConfig ops = OpsConfig.defaults();
    private ClusterConfig cluster = ClusterConfig.single();
    private SyncplayConfig syncplay = SyncplayConfig.off();
    private IceConfig ice = IceConfig.none();
    private TrustedProxies trustedProxies = TrustedProxies.none();

    private Builder(String host, int port, Path dataDir) {
      this.host = host;
      this.port = port;
      this.dataDir = dataDir;
      this.database = DatabaseConfig.embedded(dataDir);
    }

    /** Listening on {@code host} (an address of this machine) instead. */
    public Builder host(String host) {
      this.host = host;
      return this;
    }

    public Builder port(int port) {
      this.port = port;
      return this;
    }

    /** The database at a JDBC URL ({@code --db-url}) instead of the embedded file. */
    public Builder database(DatabaseConfig database) {
      this.database = database;
      return this;
    }

    public Builder tolerances(Tolerances tolerances) {
      this.tolerances = tolerances;
      return this;
    }

    /** The tolerances so far, changed by {@code change}. */
    public Builder tolerances(UnaryOperator<Tolerances> change) {
      return tolerances(change.apply(tolerances));
    }

    public Builder limits(Limits limits) {
      this.limits = limits;
      return this;
    }

    public Builder accounts(AccountConfig accounts) {
      this.accounts = accounts;
      return this;
    }

    /** The identity settings so far (e.g. {@link #ephemeral}'s cheap hashing), changed by {@code change}. */
    public Builder accounts(UnaryOperator<AccountConfig> change) {
      return accounts(change.apply(accounts));
    }

    public Builder media(MediaConfig media) {
      this.media = media;
      return this;
    }

    /** The media settings so far, changed by {@code change}. */
    public Builder media(UnaryOperator<MediaConfig> change) {
      return media(change.apply(media));
    }

    public Builder showings(ShowingConfig showings) {
      this.showings = showings;
      return this;
    }

    /** Metrics and traces ({@code --metrics-token}, {@code --no-metrics}, {@code --otlp-endpoint}). */
    public Builder ops(OpsConfig ops) {
      this.ops = ops;
      return this;
    }

    /** Rooms shared with other nodes through Redis ({@code --redis-url}), this node's role. */
    public Builder cluster(ClusterConfig cluster) {
      this.cluster = cluster;
      return this;
    }

    /** Syncplay clients on {@code --syncplay-port}. */
    public Builder syncplay(SyncplayConfig syncplay) {
      this.syncplay = syncplay;
      return this;
    }

    /** STUN and TURN servers for peer-to-peer connections ({@code --ice-servers}). */
    public Builder ice(IceConfig ice) {
      this.ice = ice;
      return this;
    }

    /** Reading X-Forwarded-For from these proxies only ({@code --trusted-proxies}). */
    public Builder trustedProxies(TrustedProxies trustedProxies) {
      this.trustedProxies = trustedProxies;
      return this;
    }

    public ServerConfig build() {
      return new ServerConfig(host, port, dataDir, database, tolerances, limits, accounts, media, showings, ops,
          cluster, syncplay, ice, trustedProxies);
    }
  }
}
