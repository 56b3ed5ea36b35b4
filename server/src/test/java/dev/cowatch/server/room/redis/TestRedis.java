package dev.cowatch.server.room.redis;

import dev.cowatch.server.platform.redis.Redis;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The machine's Redis (127.0.0.1:6379), which the tests need: without it they fail, not skip. Each
 * test works under keys of its own prefix and deletes them afterwards.
 */
final class TestRedis {
  static final String URL = System.getenv().getOrDefault("COWATCH_TEST_REDIS_URL", "redis://127.0.0.1:6379");
  private static final AtomicLong TESTS = new AtomicLong();

  private TestRedis() {}

  /** A prefix no other test (or test run) uses. */
  static String freshPrefix() {
    return "cowatch-test:" + ProcessHandle.current().pid() + ":" + TESTS.incrementAndGet() + ":";
  }

  /** A node's connection under {@code prefix}. */
  static Redis node(String prefix) {
    return Redis.connect(URL, prefix);
  }

  /** Deletes every key under {@code prefix}. */
  static void clean(String prefix) {
    try (Redis redis = Redis.connect(URL, prefix)) {
      ScanCursor cursor = ScanCursor.INITIAL;
      do {
        KeyScanCursor<String> page = redis.sync().scan(cursor, ScanArgs.Builder.matches(prefix + "*").limit(500));
        if (!page.getKeys().isEmpty()) redis.sync().del(page.getKeys().toArray(String[]::new));
        cursor = page;
      } while (!cursor.isFinished());
    }
  }
}
