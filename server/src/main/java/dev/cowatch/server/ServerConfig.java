package dev.cowatch.server;

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
import java.time.Duration;

/** Everything the server needs to start; {@link Main} fills it from options and the environment. */
public record ServerConfig(String host, int port, Path dataDir, DatabaseConfig database, Tolerances tolerances,
    Limits limits, AccountConfig accounts, MediaConfig media, ShowingConfig showings, OpsConfig ops,
    ClusterConfig cluster, SyncplayConfig syncplay, IceConfig ice, TrustedProxies trustedProxies) {

  public ServerConfig {
    if (trustedProxies == null) trustedProxies = TrustedProxies.none();
    if (syncplay == null) syncplay = SyncplayConfig.off();
    if (ice == null) ice = IceConfig.none();
    if (ops == null) ops = OpsConfig.defaults();
    if (cluster == null) cluster = ClusterConfig.single();
    if (showings == null) showings = ShowingConfig.defaults();
  }

  /** No proxy trusted: every client is its connection's peer. */
  public ServerConfig(String host, int port, Path dataDir, DatabaseConfig database, Tolerances tolerances,
      Limits limits, AccountConfig accounts, MediaConfig media, ShowingConfig showings, OpsConfig ops,
      ClusterConfig cluster, SyncplayConfig syncplay, IceConfig ice) {
    this(host, port, dataDir, database, tolerances, limits, accounts, media, showings, ops, cluster, syncplay,
        ice, TrustedProxies.none());
  }

  /** The Syncplay endpoint off. */
  public ServerConfig(String host, int port, Path dataDir, DatabaseConfig database, Tolerances tolerances,
      Limits limits, AccountConfig accounts, MediaConfig media, ShowingConfig showings, OpsConfig ops,
      ClusterConfig cluster) {
    this(host, port, dataDir, database, tolerances, limits, accounts, media, showings, ops, cluster,
        SyncplayConfig.off(), IceConfig.none());
  }

  /** The operator's side with its defaults (metrics open, no token), one node alone. */
  public ServerConfig(String host, int port, Path dataDir, DatabaseConfig database, Tolerances tolerances,
      Limits limits, AccountConfig accounts, MediaConfig media, ShowingConfig showings) {
    this(host, port, dataDir, database, tolerances, limits, accounts, media, showings, OpsConfig.defaults(),
        ClusterConfig.single());
  }

  /** Showings by the default rules. */
  public ServerConfig(String host, int port, Path dataDir, DatabaseConfig database, Tolerances tolerances,
      Limits limits, AccountConfig accounts, MediaConfig media) {
    this(host, port, dataDir, database, tolerances, limits, accounts, media, ShowingConfig.defaults());
  }

  /** Media on local disk under {@code <dataDir>/media}. */
  public ServerConfig(String host, int port, Path dataDir, DatabaseConfig database, Tolerances tolerances,
      Limits limits, AccountConfig accounts) {
    this(host, port, dataDir, database, tolerances, limits, accounts, MediaConfig.local());
  }

  /** With identity's production defaults (tokens, Argon2id cost, mail to the log). */
  public ServerConfig(String host, int port, Path dataDir, DatabaseConfig database, Tolerances tolerances,
      Limits limits) {
    this(host, port, dataDir, database, tolerances, limits, AccountConfig.defaults());
  }

  /**
   * Embedded defaults on a random free port, an SQLite file under {@code dataDir}: what tests and benchmarks start.
   * Their clients all come from loopback, so the per-address limits are lifted here (tests of those limits
   * set them low again); the server itself exempts no address.
   */
  public static ServerConfig ephemeral(Path dataDir) {
    return new ServerConfig("127.0.0.1", 0, dataDir, DatabaseConfig.embedded(dataDir), Tolerances.DEFAULTS,
        Limits.DEFAULTS.withPerAddress(LOOPBACK_CROWD, LOOPBACK_CROWD), AccountConfig.fastForTests());
  }

  /** Per-address limits of test and benchmark servers: every client of theirs is 127.0.0.x. */
  public static final int LOOPBACK_CROWD = 1_000_000;

  public ServerConfig withTolerances(Tolerances t) {
    return new ServerConfig(host, port, dataDir, database, t, limits, accounts, media, showings, ops, cluster, syncplay, ice,
        trustedProxies);
  }

  public ServerConfig withLimits(Limits l) {
    return new ServerConfig(host, port, dataDir, database, tolerances, l, accounts, media, showings, ops, cluster, syncplay, ice,
        trustedProxies);
  }

  public ServerConfig withDatabase(DatabaseConfig d) {
    return new ServerConfig(host, port, dataDir, d, tolerances, limits, accounts, media, showings, ops, cluster, syncplay, ice,
        trustedProxies);
  }

  public ServerConfig withAccounts(AccountConfig a) {
    return new ServerConfig(host, port, dataDir, database, tolerances, limits, a, media, showings, ops, cluster, syncplay, ice,
        trustedProxies);
  }

  public ServerConfig withMedia(MediaConfig m) {
    return new ServerConfig(host, port, dataDir, database, tolerances, limits, accounts, m, showings, ops, cluster, syncplay, ice,
        trustedProxies);
  }

  public ServerConfig withOps(OpsConfig o) {
    return new ServerConfig(host, port, dataDir, database, tolerances, limits, accounts, media, showings, o, cluster, syncplay, ice,
        trustedProxies);
  }

  /** Rooms shared with other nodes through Redis ({@code --redis-url}). */
  public ServerConfig withCluster(ClusterConfig c) {
    return new ServerConfig(host, port, dataDir, database, tolerances, limits, accounts, media, showings, ops, c, syncplay, ice,
        trustedProxies);
  }

  /** Syncplay clients on {@code --syncplay-port}. */
  public ServerConfig withSyncplay(SyncplayConfig s) {
    return new ServerConfig(host, port, dataDir, database, tolerances, limits, accounts, media, showings, ops,
        cluster, s, ice,
        trustedProxies);
  }

  public ServerConfig withShowings(ShowingConfig s) {
    return new ServerConfig(host, port, dataDir, database, tolerances, limits, accounts, media, s, ops, cluster, syncplay, ice,
        trustedProxies);
  }

  /** STUN and TURN servers for peer-to-peer connections ({@code --ice-servers}). */
  public ServerConfig withIce(IceConfig i) {
    return new ServerConfig(host, port, dataDir, database, tolerances, limits, accounts, media, showings, ops,
        cluster, syncplay, i,
        trustedProxies);
  }

  /** Reading X-Forwarded-For from these proxies only ({@code --trusted-proxies}). */
  public ServerConfig withTrustedProxies(TrustedProxies t) {
    return new ServerConfig(host, port, dataDir, database, tolerances, limits, accounts, media, showings, ops,
        cluster, syncplay, ice, t);
  }

  /** Listening on {@code h} (an address of this machine) instead. */
  public ServerConfig withHost(String h) {
    return new ServerConfig(h, port, dataDir, database, tolerances, limits, accounts, media, showings, ops,
        cluster, syncplay, ice,
        trustedProxies);
  }
}
