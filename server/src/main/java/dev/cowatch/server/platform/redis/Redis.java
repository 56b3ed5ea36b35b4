package dev.cowatch.server.platform.redis;

import dev.cowatch.server.platform.CountedWarnings;
import dev.cowatch.server.platform.Refusal;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.LettuceFutures;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One node's connections to Redis: one for commands (Lettuce multiplexes every thread's commands over
 * it, in order) and one for pub/sub. Keys start with {@link #prefix}, so several deployments (or tests)
 * can share one Redis. Made at start: a Redis that does not answer stops the node with a clear message
 * instead of a first join that hangs.
 */
public final class Redis implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Redis.class);
  /** How long a command may take before the caller gets an error instead of waiting on. */
  public static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(2);

  private final RedisClient client;
  /** Lettuce's threads and timers: made here, so closed here (the client does not close what it was given). */
  private final ClientResources resources;
  private final StatefulRedisConnection<String, String> commands;
  /**
   * For background passes that read many rooms at once (a share of every room, the rooms needing upkeep): their
   * answers, hundreds of kilobytes, would otherwise hold up every decision's commands queued behind them on one
   * connection and its one decoding thread.
   */
  private final StatefulRedisConnection<String, String> bulk;
  /** For publishing broadcasts, whose frames are bytes. */
  private final StatefulRedisConnection<byte[], byte[]> binary;
  /**
   * For the writes that must be on the replicas before they are acknowledged (a room's decisions), each followed by
   * WAIT: WAIT counts the writes of its own connection and holds that connection until the replicas confirm, so it has
   * one of its own, and every other command of the node goes on meanwhile.
   */
  private final StatefulRedisConnection<String, String> replicated;
  private final StatefulRedisPubSubConnection<byte[], byte[]> pubSub;
  private final String prefix;
  private final AtomicLong replicatedReconnects = new AtomicLong();
  /** Per thread: {@link #replicatedReconnects} when its last replicated write was sent. */
  private final ThreadLocal<Long> replicatedWriteAt = new ThreadLocal<>();
  private final Map<String, String> scriptShas = new ConcurrentHashMap<>();

  private Redis(RedisClient client, ClientResources resources, StatefulRedisConnection<String, String> commands,
      StatefulRedisConnection<String, String> bulk, StatefulRedisConnection<byte[], byte[]> binary,
      StatefulRedisConnection<String, String> replicated, StatefulRedisPubSubConnection<byte[], byte[]> pubSub,
      String prefix) {
    this.client = client;
    this.resources = resources;
    this.commands = commands;
    this.bulk = bulk;
    this.binary = binary;
    this.replicated = replicated;
    this.pubSub = pubSub;
    this.prefix = prefix;
    replicated.addListener(new RedisConnectionStateListener() {
      @Override
      public void onRedisConnected(RedisChannelHandler<?, ?> connection, SocketAddress address) {
        replicatedReconnects.incrementAndGet();
      }
    });
  }

  /**
   * Connects to {@code url} (redis://host:port[/db]), with every key under {@code prefix}.
   *
   * @throws IllegalStateException when Redis does not answer, saying where it was looked for
   */
  public static Redis connect(String url, String prefix) {
    return connect(url, RedisPasswords.NONE, prefix, COMMAND_TIMEOUT);
  }

  /** {@link #connect}, with the passwords the deployment asks for. */
  public static Redis connect(String url, RedisPasswords passwords, String prefix) {
    return connect(url, passwords, prefix, COMMAND_TIMEOUT);
  }

  /** {@link #connect}, with another bound on a command's answer (tests watch one come too late). */
  public static Redis connect(String url, String prefix, Duration commandTimeout) {
    return connect(url, RedisPasswords.NONE, prefix, commandTimeout);
  }

  private static Redis connect(String url, RedisPasswords passwords, String prefix, Duration commandTimeout) {
    RedisURI uri;
    try {
      uri = RedisURI.create(url);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--redis-url: '" + url + "' is not a Redis URL (redis://host:port, or redis-sentinel://host:port,...#master): "
          + e.getMessage(), e);
    }
    uri.setTimeout(commandTimeout);
    passwords.applyTo(uri);
    ClientResources resources = ClientResources.builder()
        // Back within a quarter of a second of Redis coming back (or of the sentinels naming the replica they promoted),
        // rather than Lettuce's default of up to 30 s: rooms are refused until then. An attempt while Redis is away is
        // a refused connection or a question to a sentinel, four a second per connection.
        .reconnectDelay(Delay.exponential(Duration.ofMillis(20), Duration.ofMillis(250), 2, TimeUnit.MILLISECONDS))
        .build();
    RedisClient client = RedisClient.create(resources, uri);
    // While Redis is away, a command fails at once (and the request is refused, 503/unavailable)
    // instead of waiting in a queue for the command timeout.
    client.setOptions(ClientOptions.builder()
        .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS).build());
    try {
      StatefulRedisConnection<String, String> commands = client.connect();
      commands.sync().ping();
      StatefulRedisConnection<String, String> bulk = client.connect();
      StatefulRedisConnection<byte[], byte[]> binary = client.connect(ByteArrayCodec.INSTANCE);
      StatefulRedisConnection<String, String> replicated = client.connect();
      StatefulRedisPubSubConnection<byte[], byte[]> pubSub = client.connectPubSub(ByteArrayCodec.INSTANCE);
      return new Redis(client, resources, commands, bulk, binary, replicated, pubSub, prefix);
    } catch (RedisException e) {
      try {
        throw new IllegalStateException(RedisProbe.probe(uri, passwords, e).message(RedisProbe.where(uri)), e);
      } finally {
        client.shutdown();
        resources.shutdown();
      }
    }
  }

  public RedisCommands<String, String> sync() {
    return commands.sync();
  }

  /** {@link #async} on the connection of background passes that read many keys at once ({@link #bulk}). */
  public RedisAsyncCommands<String, String> bulkAsync() {
    return bulk.async();
  }

  /** {@link #sync} on the connection of background passes that read many keys at once. */
  public RedisCommands<String, String> bulkSync() {
    return bulk.sync();
  }

  /** Commands sent without waiting for each answer: several of them cost one round trip (see {@link #await}). */
  public RedisAsyncCommands<String, String> async() {
    return commands.async();
  }

  /** The answer of a command sent with {@link #async}, within the command timeout; a Redis that does not answer throws. */
  public static <T> T await(RedisFuture<T> answer) {
    return LettuceFutures.awaitOrCancel(answer, COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
  }

  /**
   * Runs a call to Redis; a Redis that does not answer becomes a {@link Refusal} (503, unavailable) that
   * the HTTP edge and the room socket answer as they answer every refusal. Lettuce reconnects by itself.
   */
  public static <T> T call(Supplier<T> work) {
    try {
      return work.get();
    } catch (RedisException e) {
      throw unavailable(e);
    }
  }

  /**
   * {@link #call} for commands that may be sent twice (reads, and writes whose second sending changes nothing more),
   * sent once more when their answer did not come in time: a node starved of CPU for a moment (a join storm on two
   * busy cores: a hundred reads of one node timed out at once) misses the bound though Redis answered long before. A
   * Redis that is away still fails at once.
   */
  public static <T> T idempotent(Supplier<T> work) {
    try {
      return work.get();
    } catch (RedisCommandTimeoutException late) {
      log.debug("a read from Redis timed out, asked again: {}", late.getMessage());
      return call(work);
    } catch (RedisException e) {
      throw unavailable(e);
    }
  }

  private static final CountedWarnings failures = new CountedWarnings();

  public static Refusal unavailable(RedisException cause) {
    // A refusal carries no cause (it is an answer, not a fault); what Lettuce said goes to the log, now and then (an
    // outage fails every call: one line in ten seconds, with the count, says as much).
    long failed = failures.count(System.nanoTime());
    if (failed > 0) {
      log.warn("a call to Redis failed: {} ({} since this node started)", cause.getMessage(), failed);
    } else {
      log.debug("Redis call failed: {}", cause.toString());
    }
    return new Refusal(Refusal.Kind.CAPACITY, "unavailable",
        "the rooms' shared store (Redis) does not answer; try again in a moment");
  }

  /** Publishes a frame; the number of subscribers, on every node, that got it. */
  public long publish(byte[] channel, byte[] frame) {
    return call(() -> binary.sync().publish(channel, frame));
  }

  /**
   * Publishes a frame without waiting for Redis's answer (see {@link #await}). Frames published on one node leave in
   * the order of these calls and of {@link #publish}'s: both go out on one connection.
   */
  public RedisFuture<Long> publishAsync(byte[] channel, byte[] frame) {
    return call(() -> binary.async().publish(channel, frame));
  }

  public StatefulRedisPubSubConnection<byte[], byte[]> pubSub() {
    return pubSub;
  }

  /** A key of this deployment. */
  public String key(String name) {
    return prefix + name;
  }

  /**
   * Runs a Lua script by its digest, loading it the first time and again after Redis forgot it (a
   * restart empties the script cache).
   */
  public long script(String lua, String[] keys, String... args) {
    return this.<Long>eval(lua, ScriptOutputType.INTEGER, keys, args);
  }

  /** {@link #script} for a script that answers with a list of integers. */
  public List<Long> scriptList(String lua, String[] keys, String... args) {
    List<Object> answer = eval(lua, ScriptOutputType.MULTI, keys, args);
    return answer.stream().map(x -> (Long) x).toList();
  }

  /**
   * {@link #script} for a script that answers with a list of anything (strings, nils, lists), sent once more when its
   * answer comes too late: for scripts that only read.
   */
  public List<Object> scriptAnswer(String lua, String[] keys, String... args) {
    return idempotent(() -> evalRaw(lua, ScriptOutputType.MULTI, keys, args));
  }

  /**
   * {@link #script} sent without waiting for its answer; what it returns waits for it. For a script that may be sent
   * twice (see {@link #idempotent}): one Redis forgot (a restart), or whose answer came too late, is sent again then,
   * and waited for at once.
   */
  public Runnable scriptStarted(String lua, String[] keys, String... args) {
    java.util.function.LongSupplier answer = scriptSent(lua, keys, args);
    return answer::getAsLong;
  }

  /** {@link #scriptStarted} for the script's answer: several sent before the first is awaited cost one round trip. */
  public java.util.function.LongSupplier scriptSent(String lua, String[] keys, String... args) {
    String sha = call(() -> scriptShas.computeIfAbsent(lua, s -> sync().scriptLoad(s)));
    RedisFuture<Long> sent = call(() -> async().<Long>evalsha(sha, ScriptOutputType.INTEGER, keys, args));
    return () -> call(() -> {
      try {
        return await(sent);
      } catch (RedisNoScriptException | RedisCommandTimeoutException e) {
        return script(lua, keys, args);
      }
    });
  }

  /**
   * {@link #script}, but an answer that comes too late is thrown as Lettuce's timeout, not a refusal: for a caller
   * that can tell whether the script ran and what to do then.
   */
  public long scriptOnce(String lua, String[] keys, String... args) {
    return scriptOnce(sync(), lua, keys, args);
  }

  /**
   * {@link #scriptOnce} on the connection of replicated writes: {@link #awaitReplicas} then waits for the replicas to
   * have it.
   */
  public long replicatedScriptOnce(String lua, String[] keys, String... args) {
    replicatedWriteAt.set(replicatedReconnects.get());
    return scriptOnce(replicated.sync(), lua, keys, args);
  }

  /** {@link #script} on the connection of replicated writes. */
  public long replicatedScript(String lua, String[] keys, String... args) {
    replicatedWriteAt.set(replicatedReconnects.get());
    return call(() -> this.<Long>evalRaw(replicated.sync(), lua, ScriptOutputType.INTEGER, keys, args));
  }

  /**
   * WAIT: how many replicas have every write of the replicated writes' connection so far, once {@code replicas} have
   * or {@code within} has passed (well inside the command timeout).
   */
  public long awaitReplicas(int replicas, Duration within) {
    return call(() -> replicated.sync().waitForReplication(replicas, within.toMillis()));
  }

  /** What {@code INFO replication} says of the Redis this node writes to (asked on the background passes' connection). */
  public String replicationInfo() {
    return idempotent(() -> bulk.sync().info("replication"));
  }

  /** {@link #replicationInfo}, asked on the replicated writes' connection: of the Redis that has its writes. */
  public String replicationInfoOfWrites() {
    return call(() -> replicated.sync().info("replication"));
  }

  /**
   * How many times the replicated writes' connection has been made again (after a restart of Redis, or to the replica
   * the sentinels promoted): a count of replicas asked before it may be another Redis's.
   */
  public long replicatedReconnects() {
    return replicatedReconnects.get();
  }

  /**
   * Whether this thread's last replicated write went out on the connection as it is now, not on one made before its
   * last reconnect: a WAIT now would be asked of a Redis that may not have that write (the primary that died had it).
   */
  public boolean lastReplicatedWriteOnThisConnection() {
    Long at = replicatedWriteAt.get();
    return at != null && at == replicatedReconnects.get();
  }

  private long scriptOnce(RedisCommands<String, String> on, String lua, String[] keys, String... args) {
    try {
      return this.<Long>evalRaw(on, lua, ScriptOutputType.INTEGER, keys, args);
    } catch (RedisCommandTimeoutException late) {
      throw late;
    } catch (RedisException e) {
      throw unavailable(e);
    }
  }

  private <T> T eval(String lua, ScriptOutputType type, String[] keys, String... args) {
    return call(() -> evalRaw(lua, type, keys, args));
  }

  private <T> T evalRaw(String lua, ScriptOutputType type, String[] keys, String... args) {
    return evalRaw(sync(), lua, type, keys, args);
  }

  private <T> T evalRaw(RedisCommands<String, String> on, String lua, ScriptOutputType type, String[] keys,
      String... args) {
    String sha = scriptShas.computeIfAbsent(lua, s -> on.scriptLoad(s));
    try {
      return on.<T>evalsha(sha, type, keys, args);
    } catch (RedisNoScriptException e) {
      scriptShas.put(lua, on.scriptLoad(lua));
      return on.<T>evalsha(scriptShas.get(lua), type, keys, args);
    }
  }

  @Override
  public void close() {
    pubSub.close();
    binary.close();
    replicated.close();
    bulk.close();
    commands.close();
    client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    resources.shutdown(0, 2, TimeUnit.SECONDS);
  }
}
