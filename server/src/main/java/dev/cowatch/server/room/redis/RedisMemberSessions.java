package dev.cowatch.server.room.redis;

import dev.cowatch.core.room.MemberId;
import dev.cowatch.core.room.RoomId;
import dev.cowatch.server.platform.redis.Redis;
import dev.cowatch.server.room.bus.RoomBus;
import dev.cowatch.server.room.live.MemberSessions;
import io.lettuce.core.SetArgs;
import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Member sessions in Redis, so that a member resumes on any node with its token, and a node that
 * notices a member's old connection closing only after the member resumed elsewhere cannot mark it
 * disconnected. Per room: one hash of tokens (both ways, {@code t:token} and {@code m:member}) and one
 * of which connection, on which node, speaks for each member. They expire unless a session changes,
 * so a room that is gone does not leave them behind for good. Each node also says every few seconds
 * that it is alive: a member whose connection was on a node that stopped saying so is an orphan.
 */
public final class RedisMemberSessions implements MemberSessions, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(RedisMemberSessions.class);
  /** Longer than any room stays live without a join or resume. */
  static final Duration KEEP = Duration.ofDays(2);
  /** How often a node says it is alive, and how long after its last word it counts as gone. */
  static final Duration HEARTBEAT = Duration.ofSeconds(2);
  static final Duration NODE_ALIVE_FOR = Duration.ofSeconds(6);
  private static final String ISSUE = """
      redis.call('HSET', KEYS[1], 't:' .. ARGV[1], ARGV[2], 'm:' .. ARGV[2], ARGV[1])
      redis.call('PEXPIRE', KEYS[1], ARGV[3])
      return 1""";
  private static final String ATTACH = """
      redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
      redis.call('PEXPIRE', KEYS[1], ARGV[3])
      return 1""";
  /**
   * KEYS: the room's tokens, its speakers; ARGV: the expiry, then a triple per seat: a new token (empty for none), the
   * member, its connection. {@link #ISSUE} for each new token, {@link #ATTACH} for each seat.
   */
  private static final String SEAT_ALL = """
      for i = 2, #ARGV, 3 do
        if ARGV[i] ~= '' then redis.call('HSET', KEYS[1], 't:' .. ARGV[i], ARGV[i + 1], 'm:' .. ARGV[i + 1], ARGV[i]) end
        redis.call('HSET', KEYS[2], ARGV[i + 1], ARGV[i + 2])
      end
      redis.call('PEXPIRE', KEYS[1], ARGV[1])
      redis.call('PEXPIRE', KEYS[2], ARGV[1])
      return 1""";
  private static final String DETACH = """
      if redis.call('HGET', KEYS[1], ARGV[1]) ~= ARGV[2] then return 0 end
      redis.call('HDEL', KEYS[1], ARGV[1])
      return 1""";
  /** ARGV: a pair per seat, member and connection; {@link #DETACH} for each, a 1 or 0 for each in turn. */
  private static final String DETACH_ALL = """
      local let = {}
      for i = 1, #ARGV, 2 do
        if redis.call('HGET', KEYS[1], ARGV[i]) == ARGV[i + 1] then
          redis.call('HDEL', KEYS[1], ARGV[i])
          let[#let + 1] = 1
        else
          let[#let + 1] = 0
        end
      end
      return let""";
  private static final String FORGET = """
      local token = redis.call('HGET', KEYS[1], 'm:' .. ARGV[1])
      if token then redis.call('HDEL', KEYS[1], 't:' .. token, 'm:' .. ARGV[1]) end
      redis.call('HDEL', KEYS[2], ARGV[1])
      return 1""";

  private final Redis redis;
  private final String nodeId;
  private final AtomicLong connections = new AtomicLong();
  /** This node's name for each of its connections (weak: a connection gone is forgotten). */
  private final Map<RoomBus.Listener, String> names = Collections.synchronizedMap(new WeakHashMap<>());

  private final ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "cowatch-node-heartbeat");
    t.setDaemon(true);
    return t;
  });

  /**
   * The live state's generation: a key every node writes if it is missing and remembers. Redis
   * restarted without its data has none, or another's, and the nodes notice at their next beat.
   */
  private volatile String epoch;
  /** Whether a beat got through since this node started: the first finds no word of this node's, rightly. */
  private boolean beaten;
  /** When the last beat's answer came (System.nanoTime). */
  private long lastAnsweredAt;
  private final java.util.List<Runnable> lostListeners = new java.util.concurrent.CopyOnWriteArrayList<>();

  public RedisMemberSessions(Redis redis, String nodeId) {
    this.redis = redis;
    this.nodeId = nodeId;
    this.epoch = currentEpoch();
    beat();
    heartbeat.scheduleAtFixedRate(this::beat, HEARTBEAT.toMillis(), HEARTBEAT.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public void onLost(Runnable whenLost) {
    lostListeners.add(whenLost);
  }

  /** The live state's generation, made by this node if Redis has none. */
  private String currentEpoch() {
    String mine = nodeId + ":" + System.nanoTime();
    return Redis.call(() -> {
      redis.sync().set(epochKey(), mine, SetArgs.Builder.nx());
      return redis.sync().get(epochKey());
    });
  }

  /**
   * This node is alive for the next {@link #NODE_ALIVE_FOR}; and the live state is the one it knew. A beat that finds
   * this node's word gone from Redis, or that none of its beats were answered for as long as a word lasts (the node
   * was paused or cut from Redis for longer), knows the other nodes may have counted it gone and marked its members
   * disconnected: those members would be let go at the end of their grace while their sockets here stayed open,
   * every action of theirs refused as "not a member" until they reloaded (the fault run saw viewers so for minutes).
   * So its connections join again, as after a restart, and their members resume as themselves.
   */
  private void beat() {
    try {
      String before = Redis.call(() -> redis.sync().setGet(nodeKey(nodeId), "alive",
          SetArgs.Builder.px(NODE_ALIVE_FOR.toMillis())));
      // Every beat, so a node is among the nodes again after Redis lost its data.
      Redis.call(() -> redis.sync().sadd(nodesKey(), nodeId));
      String now = currentEpoch();
      long answeredAt = System.nanoTime();
      // Either says so: a word that was gone, or no beat answered for as long as a word lasts. The second catches a
      // cut where packets vanished: the beats that timed out meanwhile still reached Redis once the path was back, the
      // first of them found the word gone, and this one found theirs (seen in the fault run).
      boolean countedGone = beaten
          && (before == null || answeredAt - lastAnsweredAt > NODE_ALIVE_FOR.toNanos());
      beaten = true;
      lastAnsweredAt = answeredAt;
      if (!now.equals(epoch)) {
        epoch = now;
        log.warn("Redis lost the cluster's live state (restarted without its data?): this node's room connections"
            + " join again, rooms come back from their last checkpoints");
        joinAgain();
      } else if (countedGone) {
        log.warn("this node's heartbeat had lapsed in Redis (paused, or cut from Redis, for over {} s): the other"
            + " nodes may have counted its members gone; its room connections join again", NODE_ALIVE_FOR.toSeconds());
        joinAgain();
      }
    } catch (RuntimeException e) {
      // Redis away: the next beat tries again (the task must not die).
      log.warn("node heartbeat failed: {}", e.getMessage());
    }
  }

  /** Off the heartbeat's thread: closing every connection takes a while, and beats must go on. */
  private void joinAgain() {
    for (Runnable r : lostListeners) Thread.ofVirtual().name("cowatch-live-state-lost").start(r);
  }

  @Override
  public Set<String> nodesGone() {
    Set<String> nodes = Redis.call(() -> redis.sync().smembers(nodesKey()));
    Set<String> gone = new HashSet<>();
    for (String node : nodes) {
      if (!node.equals(nodeId) && Redis.call(() -> redis.sync().exists(nodeKey(node))) == 0) gone.add(node);
    }
    return gone;
  }

  @Override
  public void accountedFor(Set<String> nodes) {
    if (!nodes.isEmpty()) Redis.call(() -> redis.sync().srem(nodesKey(), nodes.toArray(String[]::new)));
  }

  @Override
  public Set<MemberId> orphaned(RoomId room, Collection<MemberId> connected) {
    Map<String, String> speakers = Redis.call(() -> redis.sync().hgetall(speakersKey(room)));
    Map<String, Boolean> alive = new HashMap<>();
    alive.put(nodeId, true);
    Set<MemberId> orphans = new HashSet<>();
    for (MemberId m : connected) {
      String speaker = speakers.get(m.value());
      if (speaker == null) continue; // joining right now, or from before sessions were kept here
      String node = speaker.substring(0, speaker.lastIndexOf('/'));
      boolean up = alive.computeIfAbsent(node, n -> Redis.call(() -> redis.sync().exists(nodeKey(n))) == 1);
      if (!up) orphans.add(m);
    }
    return orphans;
  }

  @Override
  public void close() {
    heartbeat.shutdownNow();
  }

  @Override
  public Optional<MemberId> tokenHolder(RoomId room, String token) {
    String member = Redis.idempotent(() -> redis.sync().hget(tokensKey(room), "t:" + token));
    return member == null ? Optional.empty() : Optional.of(new MemberId(member));
  }

  @Override
  public String issueToken(RoomId room, MemberId member, String token) {
    redis.script(ISSUE, new String[] {tokensKey(room)}, token, member.value(), Long.toString(KEEP.toMillis()));
    return token;
  }

  @Override
  public void attach(RoomId room, MemberId member, RoomBus.Listener connection) {
    redis.script(ATTACH, new String[] {speakersKey(room)}, member.value(), nameOf(connection),
        Long.toString(KEEP.toMillis()));
  }

  @Override
  public void seatAll(RoomId room, List<Seat> seats) {
    seatingAll(room, seats).run();
  }

  @Override
  public Runnable seatingAll(RoomId room, List<Seat> seats) {
    if (seats.isEmpty()) return () -> { };
    String[] args = new String[1 + 3 * seats.size()];
    args[0] = Long.toString(KEEP.toMillis());
    for (int i = 0; i < seats.size(); i++) {
      Seat s = seats.get(i);
      args[1 + 3 * i] = s.newToken() == null ? "" : s.newToken();
      args[2 + 3 * i] = s.member().value();
      args[3 + 3 * i] = nameOf(s.connection());
    }
    return redis.scriptStarted(SEAT_ALL, new String[] {tokensKey(room), speakersKey(room)}, args);
  }

  @Override
  public boolean detach(RoomId room, MemberId member, RoomBus.Listener connection) {
    return redis.script(DETACH, new String[] {speakersKey(room)}, member.value(), nameOf(connection)) == 1;
  }

  @Override
  public List<Boolean> detachAll(RoomId room, List<Seat> seats) {
    if (seats.isEmpty()) return List.of();
    String[] args = new String[2 * seats.size()];
    for (int i = 0; i < seats.size(); i++) {
      args[2 * i] = seats.get(i).member().value();
      args[2 * i + 1] = nameOf(seats.get(i).connection());
    }
    List<Long> let = redis.scriptList(DETACH_ALL, new String[] {speakersKey(room)}, args);
    return let.stream().map(x -> x == 1L).toList();
  }

  @Override
  public void forget(RoomId room, MemberId member) {
    redis.script(FORGET, new String[] {tokensKey(room), speakersKey(room)}, member.value());
  }

  private String nameOf(RoomBus.Listener connection) {
    return names.computeIfAbsent(connection, c -> nodeId + "/" + connections.incrementAndGet());
  }

  private String epochKey() {
    return redis.key("epoch");
  }

  private String nodeKey(String node) {
    return redis.key("node:" + node);
  }

  private String tokensKey(RoomId room) {
    return redis.key("tokens:" + room.value());
  }

  /** Every node that beat since its death was last accounted for (see {@link #nodesGone}). */
  private String nodesKey() {
    return redis.key("nodes");
  }

  private String speakersKey(RoomId room) {
    return redis.key("speakers:" + room.value());
  }
}
