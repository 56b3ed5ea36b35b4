package dev.cowatch.server.room.redis;

import dev.cowatch.core.room.MemberId;
import dev.cowatch.core.room.RoomId;
import dev.cowatch.server.room.MemberSessions;
import dev.cowatch.server.room.RoomBus;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Member sessions in Redis, so that a member resumes on any node with its token, and a node that
 * notices a member's old connection closing only after the member resumed elsewhere cannot mark it
 * disconnected. Per room: one hash of tokens (both ways, {@code t:token} and {@code m:member}) and one
 * of which connection, on which node, speaks for each member. They expire unless a session changes,
 * so a room that is gone does not leave them behind for good.
 */
public final class RedisMemberSessions implements MemberSessions {
  /** Longer than any room stays live without a join or resume. */
  static final Duration KEEP = Duration.ofDays(2);
  private static final String ISSUE = """
      redis.call('HSET', KEYS[1], 't:' .. ARGV[1], ARGV[2], 'm:' .. ARGV[2], ARGV[1])
      redis.call('PEXPIRE', KEYS[1], ARGV[3])
      return 1""";
  private static final String ATTACH = """
      redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
      redis.call('PEXPIRE', KEYS[1], ARGV[3])
      return 1""";
  private static final String DETACH = """
      if redis.call('HGET', KEYS[1], ARGV[1]) ~= ARGV[2] then return 0 end
      redis.call('HDEL', KEYS[1], ARGV[1])
      return 1""";
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

  public RedisMemberSessions(Redis redis, String nodeId) {
    this.redis = redis;
    this.nodeId = nodeId;
  }

  @Override
  public Optional<MemberId> tokenHolder(RoomId room, String token) {
    String member = Redis.call(() -> redis.sync().hget(tokensKey(room), "t:" + token));
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
  public boolean detach(RoomId room, MemberId member, RoomBus.Listener connection) {
    return redis.script(DETACH, new String[] {speakersKey(room)}, member.value(), nameOf(connection)) == 1;
  }

  @Override
  public void forget(RoomId room, MemberId member) {
    redis.script(FORGET, new String[] {tokensKey(room), speakersKey(room)}, member.value());
  }

  private String nameOf(RoomBus.Listener connection) {
    return names.computeIfAbsent(connection, c -> nodeId + "/" + connections.incrementAndGet());
  }

  private String tokensKey(RoomId room) {
    return redis.key("tokens:" + room.value());
  }

  private String speakersKey(RoomId room) {
    return redis.key("speakers:" + room.value());
  }
}
