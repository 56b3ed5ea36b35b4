package dev.cowatch.server.room.redis;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One node's connections to Redis: one for commands (Lettuce multiplexes every thread's commands over
 * it, in order) and one for pub/sub. Keys start with {@link #prefix}, so several deployments (or tests)
 * can share one Redis. Made at start: a Redis that does not answer stops the node with a clear message
 * instead of a first join that hangs.
 */
public final class Redis implements AutoCloseable {
  /** How long a command may take before the caller gets an error instead of waiting on. */
  static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(2);

  private final RedisClient client;
  private final StatefulRedisConnection<String, String> commands;
  /** For publishing broadcasts, whose frames are bytes. */
  private final StatefulRedisConnection<byte[], byte[]> binary;
  private final StatefulRedisPubSubConnection<byte[], byte[]> pubSub;
  private final String prefix;
  private final Map<String, String> scriptShas = new ConcurrentHashMap<>();

  private Redis(RedisClient client, StatefulRedisConnection<String, String> commands,
      StatefulRedisConnection<byte[], byte[]> binary, StatefulRedisPubSubConnection<byte[], byte[]> pubSub,
      String prefix) {
    this.client = client;
    this.commands = commands;
    this.binary = binary;
    this.pubSub = pubSub;
    this.prefix = prefix;
  }

  /**
   * Connects to {@code url} (redis://host:port[/db]), with every key under {@code prefix}.
   *
   * @throws IllegalStateException when Redis does not answer, saying where it was looked for
   */
  public static Redis connect(String url, String prefix) {
    RedisURI uri;
    try {
      uri = RedisURI.create(url);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--redis-url: '" + url + "' is not a Redis URL (redis://host:port): "
          + e.getMessage(), e);
    }
    uri.setTimeout(COMMAND_TIMEOUT);
    RedisClient client = RedisClient.create(uri);
    try {
      StatefulRedisConnection<String, String> commands = client.connect();
      commands.sync().ping();
      StatefulRedisConnection<byte[], byte[]> binary = client.connect(ByteArrayCodec.INSTANCE);
      StatefulRedisPubSubConnection<byte[], byte[]> pubSub = client.connectPubSub(ByteArrayCodec.INSTANCE);
      return new Redis(client, commands, binary, pubSub, prefix);
    } catch (RedisException e) {
      client.shutdown();
      throw new IllegalStateException("Redis at " + uri.getHost() + ":" + uri.getPort() + " does not answer ("
          + rootMessage(e) + "); start it or correct --redis-url", e);
    }
  }

  public RedisCommands<String, String> sync() {
    return commands.sync();
  }

  /** Publishes a frame; the number of subscribers, on every node, that got it. */
  long publish(byte[] channel, byte[] frame) {
    return binary.sync().publish(channel, frame);
  }

  StatefulRedisPubSubConnection<byte[], byte[]> pubSub() {
    return pubSub;
  }

  /** A key of this deployment. */
  String key(String name) {
    return prefix + name;
  }

  /**
   * Runs a Lua script by its digest, loading it the first time and again after Redis forgot it (a
   * restart empties the script cache).
   */
  long script(String lua, String[] keys, String... args) {
    String sha = scriptShas.computeIfAbsent(lua, s -> sync().scriptLoad(s));
    try {
      return sync().<Long>evalsha(sha, ScriptOutputType.INTEGER, keys, args);
    } catch (RedisNoScriptException e) {
      scriptShas.put(lua, sync().scriptLoad(lua));
      return sync().<Long>evalsha(scriptShas.get(lua), ScriptOutputType.INTEGER, keys, args);
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null) t = t.getCause();
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }

  @Override
  public void close() {
    pubSub.close();
    binary.close();
    commands.close();
    client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
  }
}
