package dev.cowatch.bench.durability;

import dev.cowatch.core.room.PlaybackState;
import dev.cowatch.core.room.Room;
import dev.cowatch.core.room.RoomId;
import dev.cowatch.core.room.RoomSettings;
import dev.cowatch.core.room.Roster;
import dev.cowatch.core.room.Timeline;
import dev.cowatch.core.room.UserId;
import dev.cowatch.protocol.JsonCodec;
import dev.cowatch.server.platform.jdbc.Database;
import dev.cowatch.server.platform.jdbc.DatabaseConfig;
import dev.cowatch.server.platform.redis.Redis;
import dev.cowatch.server.platform.redis.SentinelAddress;
import dev.cowatch.server.room.bus.LocalDelivery;
import dev.cowatch.server.room.jdbc.JdbcRoomRepository;
import dev.cowatch.server.room.live.LiveRooms;
import dev.cowatch.server.room.redis.RedisLiveRooms;
import dev.cowatch.server.room.live.RoomRepository.TimelineCheckpoint;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * What an acknowledged write costs: the timeline write every intent now waits for (one UPDATE of the
 * room's row in its own transaction), timed on H2 writing each commit before it returns (the
 * embedded store before, which still lost commits after {@code kill -9}), on SQLite as the embedded
 * default now opens it (write-ahead log synced at each commit), and on PostgreSQL on loopback
 * (synchronous commit, as shipped); and PostgreSQL with a streaming standby ({@code scripts/pg-standby.sh}), its
 * replication asynchronous and then synchronous (a commit acknowledged once the standby has it: the reference choice,
 * so that a promotion loses nothing acknowledged); and a room decision's write to the live rooms in Redis, without a
 * replica and with one it WAITs for ({@code scripts/redis-ha.sh}). One run, side by side.
 */
public final class DurabilityBench {
  /** Writes per store; the first WARMUP are not counted (JIT, pool, caches). */
  static final int WRITES = 3_000;
  static final int WARMUP = 500;
  private static final String PG_URL = System.getenv().getOrDefault("BENCH_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test");
  private static final String REDIS_URL = System.getenv().getOrDefault("BENCH_REDIS_URL", "redis://127.0.0.1:6379");

  public record Figures(String store, double p50Us, double p95Us, double p99Us) {
    String line() {
      return String.format("durability: store=%s p50_us=%.0f p95_us=%.0f p99_us=%.0f", store, p50Us, p95Us, p99Us);
    }
  }

  public List<Figures> run(PrintStream out) throws Exception {
    Path dir = Files.createTempDirectory("cowatch-durability");
    String h2 = "jdbc:h2:file:" + dir.toAbsolutePath() + "/%s;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_ON_EXIT=FALSE";
    Figures before = measure("h2_write_delay_0", new DatabaseConfig(h2.formatted("before") + ";WRITE_DELAY=0", "sa", "", 8),
        out);
    Figures now = measure("sqlite", DatabaseConfig.embedded(dir.resolve("now")), out);
    String schema = "cw_bench_" + UUID.randomUUID().toString().replace("-", "");
    exec("CREATE SCHEMA " + schema);
    try {
      Figures pg = measure("postgresql", new DatabaseConfig(PG_URL + "?currentSchema=" + schema, "postgres", "", 8), out);
      Figures async = withStandby(false, out);
      Figures sync = withStandby(true, out);
      Figures redis = redisDecisions("redis", REDIS_URL, out);
      Figures replicated = redisWithReplica(out);
      return List.of(before, now, pg, async, sync, redis, replicated);
    } finally {
      exec("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }
  }

  /** The same writes on a primary with a standby of its own, made for the run and stopped after it. */
  private static Figures withStandby(boolean synchronous, PrintStream out) throws Exception {
    Path dir = Files.createTempDirectory("cowatch-durability-standby");
    int port = dev.cowatch.bench.Ports.free();
    String script = Path.of("scripts", "pg-standby.sh").toAbsolutePath().toString();
    run(script, synchronous ? "start" : "start-async", dir.toString(), Integer.toString(port));
    try {
      String url = "jdbc:postgresql://127.0.0.1:" + port + ",127.0.0.1:" + (port + 1) + "/postgres?targetServerType=primary";
      return measure(synchronous ? "postgresql_standby_sync" : "postgresql_standby_async",
          new DatabaseConfig(url, "postgres", "", 8), out);
    } finally {
      run(script, "stop", dir.toString());
      run("rm", "-rf", dir.toString());
    }
  }

  /**
   * A decision's write to the live rooms in Redis, as a node makes it: the room swapped under its revision, then, when
   * Redis has healthy replicas, WAIT until they have it (ReplicaConfirmations).
   */
  private static Figures redisDecisions(String name, String url, PrintStream out) {
    try (Redis redis = Redis.connect(url, "cw-bench-" + UUID.randomUUID() + ":")) {
      LiveRooms live = RedisLiveRooms.over(redis, "bench-node", LocalDelivery.onPublisher(), new JsonCodec());
      try {
        // Counted within a second of the start: the replicas a decision waits for.
        Thread.sleep(1_500);
        Room room = Room.create(new RoomId("bench1"), RoomSettings.defaults("Bench", 5_000),
            Roster.ownedBy(new UserId("u-bench"), "Bench", false, 0), "film.mp4", 0);
        if (!live.store().create(room)) throw new IllegalStateException("the bench room exists already");
        long[] nanos = new long[WRITES - WARMUP];
        for (int i = 0; i < WRITES; i++) {
          Timeline t = room.timeline();
          Room next = room.withTimeline(new Timeline(t.mediaId(), i % 2 == 0 ? PlaybackState.PLAYING : PlaybackState.PAUSED,
              i * 40L, i, 1.0, t.version() + 1)).withRevision(room.revision() + 1);
          long t0 = System.nanoTime();
          if (!live.store().replacePlayback(room.revision(), next)) throw new IllegalStateException("lost a swap");
          live.store().awaitReplicas();
          long took = System.nanoTime() - t0;
          if (i >= WARMUP) nanos[i - WARMUP] = took;
          room = next;
        }
        live.store().remove(room.id(), room.revision());
        Arrays.sort(nanos);
        Figures f = new Figures(name, nanos[nanos.length / 2] / 1e3, nanos[nanos.length * 95 / 100] / 1e3,
            nanos[nanos.length * 99 / 100] / 1e3);
        out.println(f.line());
        return f;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      } finally {
        try {
          live.resources().close();
        } catch (Exception e) {
          out.println("durability: closing the live rooms failed: " + e);
        }
      }
    }
  }

  /** The same on the reference Redis with a replica and sentinels (scripts/redis-ha.sh), made for the run. */
  private static Figures redisWithReplica(PrintStream out) throws Exception {
    Path dir = Files.createTempDirectory("cowatch-durability-redis");
    int port = dev.cowatch.bench.Ports.free();
    String script = Path.of("scripts", "redis-ha.sh").toAbsolutePath().toString();
    run(script, "start", dir.toString(), Integer.toString(port));
    try {
      String sentinels = "127.0.0.1:" + (port + 10) + ",127.0.0.1:" + (port + 11) + ",127.0.0.1:" + (port + 12);
      return redisDecisions("redis_replica_wait", SentinelAddress.url(sentinels, "cowatch"), out);
    } finally {
      run(script, "stop", dir.toString());
      run("rm", "-rf", dir.toString());
    }
  }

  private static void run(String... command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    if (p.waitFor() != 0) throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
  }

  private static Figures measure(String name, DatabaseConfig config, PrintStream out) {
    try (Database db = Database.open(config)) {
      var repo = new JdbcRoomRepository(db.jdbi());
      Room room = Room.create(new RoomId("bench1"), RoomSettings.defaults("Bench", 5_000),
          Roster.ownedBy(new UserId("u-bench"), "Bench", false, 0), "film.mp4", 0);
      repo.insert(room, null, 0);
      long[] nanos = new long[WRITES - WARMUP];
      for (int i = 0; i < WRITES; i++) {
        long t0 = System.nanoTime();
        repo.saveTimelines(List.of(new TimelineCheckpoint(room.id(), "film.mp4", i * 40L, 1.0, i + 1, i, null)));
        long took = System.nanoTime() - t0;
        if (i >= WARMUP) nanos[i - WARMUP] = took;
      }
      Arrays.sort(nanos);
      Figures f = new Figures(name, nanos[nanos.length / 2] / 1e3, nanos[nanos.length * 95 / 100] / 1e3,
          nanos[nanos.length * 99 / 100] / 1e3);
      out.println(f.line());
      return f;
    }
  }

  private static void exec(String sql) throws Exception {
    try (var c = DriverManager.getConnection(PG_URL, "postgres", "")) {
      c.createStatement().execute(sql);
    }
  }

  /** The summary: each store's median, the figure an intent's latency grows by. */
  public static String summary(List<Figures> all) {
    StringBuilder b = new StringBuilder("durability:");
    for (Figures f : all) b.append(String.format(" %s_p50_us=%.0f %s_p99_us=%.0f", f.store(), f.p50Us(), f.store(), f.p99Us()));
    return b.toString();
  }
}
