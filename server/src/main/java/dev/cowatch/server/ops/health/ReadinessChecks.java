package dev.cowatch.server.ops.health;

import dev.cowatch.server.platform.jdbc.Database;
import dev.cowatch.server.platform.mail.MailOutbox;
import dev.cowatch.server.platform.redis.Redis;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * What {@code /api/ready} looks at: the database answers, Redis answers (in a cluster), the disk that
 * uploads are staged on has room, and the mail queue moves. Each check reports its figures and, when it
 * fails, why.
 */
public final class ReadinessChecks {
  /**
   * Below this much free space on the data directory's disk the node is not ready: an upload is staged
   * there in full before it is stored (docs/operations.md, "Media storage"), and SQLite writes there.
   */
  public static final long MIN_FREE_BYTES = 512L << 20;
  /**
   * Mail due this long and still unsent means the dispatcher is stuck or the SMTP server refuses: it looks
   * every 2 s and retries a failure after a minute, then two, then four.
   */
  public static final long MAIL_LATE_MS = 5 * 60_000;

  private final Database database;
  private final MailOutbox outbox;
  private final Path dataDir;
  private final Clock clock;
  private final LongSupplier freeBytes;
  private final Optional<Redis> redis;

  public ReadinessChecks(Database database, MailOutbox outbox, Path dataDir, Clock clock) {
    this(database, outbox, dataDir, clock, () -> usableSpace(dataDir));
  }

  /** Also checks {@code redis}, which a node of a cluster cannot serve rooms without. */
  public ReadinessChecks withRedis(Optional<Redis> shared) {
    return new ReadinessChecks(database, outbox, dataDir, clock, freeBytes, shared);
  }

  /** {@code freeBytes}: the data directory's free space (tests give a small disk). */
  ReadinessChecks(Database database, MailOutbox outbox, Path dataDir, Clock clock, LongSupplier freeBytes) {
    this(database, outbox, dataDir, clock, freeBytes, Optional.empty());
  }

  private ReadinessChecks(Database database, MailOutbox outbox, Path dataDir, Clock clock, LongSupplier freeBytes,
      Optional<Redis> redis) {
    this.redis = redis;
    this.database = database;
    this.outbox = outbox;
    this.dataDir = dataDir;
    this.clock = clock;
    this.freeBytes = freeBytes;
  }

  public List<Check> run() {
    List<Check> checks = new ArrayList<>();
    checks.add(database());
    redis.ifPresent(r -> checks.add(redis(r)));
    checks.add(disk());
    checks.add(mail());
    return checks;
  }

  private Check database() {
    long start = System.nanoTime();
    try {
      int one = database.jdbi().withHandle(h -> h.createQuery("SELECT 1").mapTo(Integer.class).one());
      long ms = (System.nanoTime() - start) / 1_000_000;
      if (one != 1) return new Check("database", Check.Status.DOWN, "SELECT 1 answered " + one, Map.of("ms", ms));
      return Check.up("database", Map.of("ms", ms, "dialect", database.config().dialect().name().toLowerCase(java.util.Locale.ROOT)));
    } catch (RuntimeException e) {
      return new Check("database", Check.Status.DOWN, "the database does not answer: " + firstLine(e), Map.of());
    }
  }

  private static Check redis(Redis redis) {
    long start = System.nanoTime();
    try {
      Redis.call(() -> redis.sync().ping());
      return Check.up("redis", Map.of("ms", (System.nanoTime() - start) / 1_000_000));
    } catch (RuntimeException e) {
      return new Check("redis", Check.Status.DOWN, "Redis does not answer: the node refuses joins until it does",
          Map.of());
    }
  }

  private Check disk() {
    long free = freeBytes.getAsLong();
    Map<String, Object> figures = new LinkedHashMap<>();
    figures.put("freeBytes", free);
    figures.put("minFreeBytes", MIN_FREE_BYTES);
    if (free < 0) return new Check("disk", Check.Status.DOWN, "the data directory " + dataDir + " cannot be read", figures);
    if (free < MIN_FREE_BYTES) {
      return new Check("disk", Check.Status.DOWN, "only " + (free >> 20) + " MiB free under " + dataDir
          + ": uploads and the database need at least " + (MIN_FREE_BYTES >> 20) + " MiB", figures);
    }
    return Check.up("disk", figures);
  }

  private Check mail() {
    MailOutbox.Depth d;
    try {
      d = outbox.depth(clock.millis(), MAIL_LATE_MS);
    } catch (RuntimeException e) {
      return new Check("mail", Check.Status.DEGRADED, "the mail queue cannot be read: " + firstLine(e), Map.of());
    }
    Map<String, Object> figures = Map.of("unsent", d.unsent(), "late", d.late(), "givenUp", d.givenUp());
    if (d.late() > 0) {
      return new Check("mail", Check.Status.DEGRADED, d.late() + " mail(s) due for over 5 minutes are still unsent: "
          + "is the SMTP server reachable?", figures);
    }
    return Check.up("mail", figures);
  }

  private static long usableSpace(Path dir) {
    try {
      return Files.getFileStore(dir).getUsableSpace();
    } catch (IOException e) {
      return -1;
    }
  }

  private static String firstLine(Throwable e) {
    String m = String.valueOf(e.getMessage());
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }
}
