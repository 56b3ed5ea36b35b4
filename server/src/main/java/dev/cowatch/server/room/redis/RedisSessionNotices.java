package dev.cowatch.server.room.redis;

import dev.cowatch.core.room.UserId;
import dev.cowatch.server.platform.redis.Redis;
import dev.cowatch.server.room.live.SessionNotices;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Session-end notices on one pub/sub channel every node listens to: a user signing out on one node
 * closes their room connections on all of them within the channel's delay (a millisecond or so),
 * well inside the second a request's token check may lag ({@code SessionLiveness}).
 */
final class RedisSessionNotices implements SessionNotices {
  private static final Logger log = LoggerFactory.getLogger(RedisSessionNotices.class);

  private final Redis redis;
  private final byte[] channel;
  private final List<Consumer<UserId>> listeners = new CopyOnWriteArrayList<>();

  RedisSessionNotices(Redis redis) {
    this.redis = redis;
    this.channel = redis.key("session-ends").getBytes(StandardCharsets.UTF_8);
    redis.pubSub().addListener(new RedisPubSubAdapter<>() {
      @Override
      public void message(byte[] from, byte[] user) {
        if (Arrays.equals(from, channel)) deliver(new String(user, StandardCharsets.UTF_8));
      }
    });
    Redis.call(() -> {
      redis.pubSub().sync().subscribe(channel);
      return null;
    });
  }

  /** Every node hears its own notice back through the channel, this one included: one path for all. */
  @Override
  public void publish(UserId user) {
    try {
      redis.publish(channel, user.value().getBytes(StandardCharsets.UTF_8));
    } catch (RuntimeException e) {
      // Redis away: this node's connections still hear it; others see it within a second by their token checks.
      log.warn("could not tell the other nodes that a session of {} ended: {}", user, e.getMessage());
      deliver(user.value());
    }
  }

  @Override
  public void subscribe(Consumer<UserId> listener) {
    listeners.add(listener);
  }

  private void deliver(String user) {
    // Off Lettuce's event loop: a listener reads the user's sessions from the database.
    Thread.ofVirtual().start(() -> deliverNow(user));
  }

  private void deliverNow(String user) {
    for (Consumer<UserId> l : listeners) {
      try {
        l.accept(new UserId(user));
      } catch (RuntimeException e) {
        log.warn("a session-end listener failed", e);
      }
    }
  }
}
