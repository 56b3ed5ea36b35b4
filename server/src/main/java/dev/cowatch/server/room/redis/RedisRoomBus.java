package dev.cowatch.server.room.redis;

import dev.cowatch.core.room.RoomId;
import dev.cowatch.server.platform.redis.Redis;
import dev.cowatch.server.room.bus.Broadcast;
import dev.cowatch.server.room.bus.InMemoryRoomBus;
import dev.cowatch.server.room.bus.LocalDelivery;
import dev.cowatch.server.room.bus.RoomBus;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Broadcasts across nodes: one pub/sub channel per room, which a node subscribes to only while it has
 * connections in that room. A broadcast reaches this node's connections at once (as on one node) and
 * the other nodes through the channel; a node drops the frames it sent itself. Frames from the channel
 * are handed on by one thread, in the order Redis delivered them: the room's lock (held across nodes
 * while it publishes) makes that the order the room decided in. Presence is the exception: nodes send
 * it without the lock (see RoomBroadcasts), so it comes marked with the room's revision it was made
 * from, and a node hands its connections no list older than the last one it handed them.
 *
 * <p>Pub/sub keeps nothing for a subscriber that is away: a frame published while this node's connection to Redis is
 * down (Redis restarting, or failing over to its replica) never reaches it, and a decision made then would stay unheard
 * by this node's members until the next one. So when the connection drops, every room it listened to is marked, and
 * when Redis confirms the room's channel again (Lettuce subscribes anew on the new connection), the node reads the room's
 * timeline and hands it to its connections if it is newer than the last one they were handed.
 */
public final class RedisRoomBus implements RoomBus, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(RedisRoomBus.class);

  /** A room's catch-up tries to read it this many times, this far apart: Redis is just back and may not answer yet. */
  static final int CATCH_UP_ATTEMPTS = 10;
  static final long CATCH_UP_RETRY_MS = 500;

  private final Redis redis;
  private final String nodeId;
  private final InMemoryRoomBus local;
  private final byte[] roomChannelPrefix;
  /** This node's connections per room: the channel is subscribed while there is one. */
  private final ConcurrentMap<RoomId, Channel> listening = new ConcurrentHashMap<>();
  /** Per room this node listens to: the revision of the newest presence list its connections were handed. */
  private final ConcurrentMap<RoomId, Long> presenceRevisions = new ConcurrentHashMap<>();
  private final LatestTimelines latest;
  private final ExecutorService inbound = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "cowatch-bus-in");
    t.setDaemon(true);
    return t;
  });
  /** Catches rooms up after a gap, apart from the frames: reading rooms from Redis must not hold up their delivery. */
  private final ScheduledExecutorService catchUps = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "cowatch-bus-catch-up");
    t.setDaemon(true);
    return t;
  });

  /** What a room's timeline is now, as a broadcast (empty: the room is gone from the live rooms). */
  @FunctionalInterface
  public interface LatestTimelines {
    Optional<Broadcast> of(RoomId room);
  }

  /** {@code latest}: how a room's timeline is read when this node's channel for it comes back after a gap. */
  public RedisRoomBus(Redis redis, String nodeId, LocalDelivery delivery, LatestTimelines latest) {
    this.redis = redis;
    this.nodeId = nodeId;
    this.local = new InMemoryRoomBus(delivery);
    this.latest = latest;
    this.roomChannelPrefix = redis.key("bus:").getBytes(StandardCharsets.UTF_8);
    redis.pubSub().addListener(new RedisPubSubAdapter<>() {
      @Override
      public void message(byte[] channel, byte[] frame) {
        // The connection carries other channels too (session ends, lease releases): only rooms' are broadcasts.
        if (isRoomChannel(channel)) inbound.execute(() -> received(channel, frame));
      }

      @Override
      public void subscribed(byte[] channel, long count) {
        if (!isRoomChannel(channel)) return;
        RoomId room = roomOf(channel);
        Channel c = listening.get(room);
        if (c != null && c.missed.compareAndSet(true, false)) catchUps.execute(() -> catchUp(room, 1));
      }
    });
    redis.pubSub().addListener(new RedisConnectionStateListener() {
      @Override
      public void onRedisDisconnected(RedisChannelHandler<?, ?> connection) {
        // Set before Lettuce can subscribe again: that happens on a new connection, after this one is gone.
        listening.values().forEach(c -> c.missed.set(true));
      }
    });
  }

  @Override
  public Subscription subscribe(RoomId room, Listener listener) {
    Channel channel = listening.compute(room, (r, c) -> {
      // The first connection of the room on this node (or the first after a subscription Redis refused): SUBSCRIBE is
      // sent here, in the map's step for the room, so it goes out after any UNSUBSCRIBE of the room made before it,
      // and awaited below, outside: a round trip inside the step held up every room sharing the map's bin (and any
      // resize of the map) for as long as Redis took to answer, seconds on a starved node in a join storm.
      Channel mine = c == null || c.refused() ? new Channel(subscribeAsync(room), c == null ? 0 : c.connections) : c;
      mine.connections++;
      return mine;
    });
    try {
      // Subscribed before it hears anything, so no broadcast decided after this returns can miss it.
      channel.awaitSubscribed();
    } catch (RuntimeException e) {
      release(room);
      throw e;
    }
    Subscription mine = local.subscribe(room, listener);
    return () -> {
      mine.close();
      release(room);
    };
  }

  private RedisFuture<Void> subscribeAsync(RoomId room) {
    return redis.pubSub().async().subscribe(channel(room));
  }

  /** One connection fewer of the room here; the last one unsubscribes (not waited for: nothing depends on it). */
  private void release(RoomId room) {
    // The room's entry may have been made again since this connection had it (Redis had refused its SUBSCRIBE): the
    // count went over to the new one.
    listening.computeIfPresent(room, (r, c) -> {
      if (--c.connections > 0) return c;
      presenceRevisions.remove(room);
      redis.pubSub().async().unsubscribe(channel(room)).whenComplete((ok, failed) -> {
        // Redis is away: the channel is gone with the connection, or delivers to nobody here.
        if (failed != null) log.debug("could not unsubscribe from room {}: {}", room, failed.toString());
      });
      return null;
    });
  }

  /**
   * A room's channel on this node: how many of this node's connections listen to it (changed only in the map's step
   * for the room) and the SUBSCRIBE they all wait for.
   */
  private static final class Channel {
    private final RedisFuture<Void> subscribed;
    private int connections;
    /** The connection to Redis dropped since the channel was last confirmed: frames may have been missed. */
    private final AtomicBoolean missed = new AtomicBoolean();
    /** The version of the newest timeline this node's connections of the room were handed. */
    private final AtomicLong timelineVersion = new AtomicLong();

    Channel(RedisFuture<Void> subscribed, int connections) {
      this.subscribed = subscribed;
      this.connections = connections;
    }

    /** Whether Redis answered the SUBSCRIBE with an error (or was away): the next connection sends it again. */
    boolean refused() {
      return subscribed.toCompletableFuture().isCompletedExceptionally();
    }

    /**
     * Waits for Redis's answer, up to twice the command bound: a node starved of CPU for a moment sees an answer late
     * though Redis sent it long before (as {@link Redis#idempotent} asks a late read again). Not cancelled when late:
     * other connections of the room wait for the same answer.
     */
    void awaitSubscribed() {
      try {
        subscribed.get(2 * Redis.COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      } catch (ExecutionException e) {
        throw Redis.unavailable(e.getCause() instanceof RedisException r ? r : new RedisException(e.getCause()));
      } catch (TimeoutException e) {
        throw Redis.unavailable(new RedisCommandTimeoutException("SUBSCRIBE not answered in time"));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw Redis.unavailable(new RedisException("interrupted while subscribing"));
      }
    }
  }

  @Override
  public void publish(RoomId room, Broadcast broadcast) {
    if (broadcast.kind() == Broadcast.Kind.PRESENCE) {
      // A list older than one this node's connections have is older than what every node was sent: it goes nowhere.
      // Not waited for: lists carry their revision and every node drops one older than it has, so their order across
      // nodes needs no waiting, and a decision that sends one (a join) does not hold its room's lease for the round trip.
      if (deliverHere(room, broadcast)) {
        redis.publishAsync(channel(room), BroadcastFrames.write(nodeId, broadcast)).whenComplete((n, failed) -> {
          if (failed != null) log.warn("a presence list of room {} did not reach the other nodes: {}", room, failed.toString());
        });
      }
      return;
    }
    // The other nodes' hop starts before this node writes its own frames (a hundred of them take a millisecond or
    // two of this thread), and Redis's answer is awaited after: a Redis that does not answer still fails the call.
    RedisFuture<Long> sent = redis.publishAsync(channel(room), BroadcastFrames.write(nodeId, broadcast));
    if (broadcast.kind() == Broadcast.Kind.TIMELINE) noteTimeline(room, broadcast.revision());
    local.publish(room, broadcast);
    Redis.call(() -> Redis.await(sent));
  }

  /** Hands a broadcast to this node's connections of the room; false if it is a presence list older than theirs. */
  private boolean deliverHere(RoomId room, Broadcast broadcast) {
    if (broadcast.kind() == Broadcast.Kind.TIMELINE) noteTimeline(room, broadcast.revision());
    if (broadcast.kind() != Broadcast.Kind.PRESENCE || !listening.containsKey(room)) {
      local.publish(room, broadcast);
      return true;
    }
    boolean[] newest = {false};
    // Checked and handed on in one step per room, so two lists cannot pass the check and then swap places.
    presenceRevisions.compute(room, (r, last) -> {
      if (last != null && broadcast.revision() < last) return last;
      newest[0] = true;
      local.publish(room, broadcast);
      return broadcast.revision();
    });
    return newest[0];
  }

  /**
   * Hands the room's timeline to this node's connections if it is newer than the last one they were handed. Redis may
   * not answer yet (the channel's connection came back before the commands' one), or the room be in the middle of a
   * decision (read only between them: see RedisLiveRooms): tried again, a few times.
   */
  private void catchUp(RoomId room, int attempt) {
    Channel channel = listening.get(room);
    if (channel == null) return;
    Optional<Broadcast> now;
    try {
      now = latest.of(room);
    } catch (RuntimeException e) {
      if (attempt >= CATCH_UP_ATTEMPTS) {
        log.warn("room {} could not be caught up after its channel came back: {}", room, e.toString());
      } else if (!catchUps.isShutdown()) {
        catchUps.schedule(() -> catchUp(room, attempt + 1), CATCH_UP_RETRY_MS, TimeUnit.MILLISECONDS);
      }
      return;
    }
    // Not handed on in one step with the check: a newer frame handed on meanwhile goes first, and a client drops a
    // timeline no newer than its own.
    now.ifPresent(b -> {
      long had = channel.timelineVersion.getAndAccumulate(b.revision(), Math::max);
      if (b.revision() <= had) return;
      log.info("room {} caught up to timeline version {} (its members here had {}) after its channel came back", room,
          b.revision(), had);
      local.publish(room, b);
    });
  }

  /** This node's connections of the room are handed the timeline at {@code version}. */
  private void noteTimeline(RoomId room, long version) {
    Channel channel = listening.get(room);
    if (channel != null) channel.timelineVersion.accumulateAndGet(version, Math::max);
  }

  private void received(byte[] channel, byte[] frame) {
    try {
      BroadcastFrames.Frame f = BroadcastFrames.read(frame);
      if (f.origin().equals(nodeId)) return;
      deliverHere(roomOf(channel), f.broadcast());
    } catch (RuntimeException e) {
      log.warn("a broadcast from another node could not be delivered", e);
    }
  }

  private boolean isRoomChannel(byte[] channel) {
    return channel.length > roomChannelPrefix.length
        && Arrays.equals(channel, 0, roomChannelPrefix.length, roomChannelPrefix, 0, roomChannelPrefix.length);
  }

  private byte[] channel(RoomId room) {
    return redis.key("bus:" + room.value()).getBytes(StandardCharsets.UTF_8);
  }

  private RoomId roomOf(byte[] channel) {
    String name = new String(channel, StandardCharsets.UTF_8);
    return new RoomId(name.substring(redis.key("bus:").length()));
  }

  @Override
  public void close() {
    catchUps.shutdownNow();
    inbound.shutdown();
    try {
      inbound.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
