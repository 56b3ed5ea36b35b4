package dev.cowatch.server.room.live;

import dev.cowatch.core.room.MemberId;
import dev.cowatch.core.room.RoomId;
import dev.cowatch.server.room.bus.RoomBus;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** Member sessions of one node, in memory. */
final class LocalMemberSessions implements MemberSessions {
  private final ResumeTokens resumeTokens = new ResumeTokens();
  private final ConcurrentMap<Key, RoomBus.Listener> connections = new ConcurrentHashMap<>();

  private record Key(RoomId room, MemberId member) {}

  @Override
  public Optional<MemberId> tokenHolder(RoomId room, String token) {
    return resumeTokens.memberOf(room, token);
  }

  @Override
  public String issueToken(RoomId room, MemberId member, String token) {
    return resumeTokens.issue(room, member, token);
  }

  @Override
  public void attach(RoomId room, MemberId member, RoomBus.Listener connection) {
    connections.put(new Key(room, member), connection);
  }

  @Override
  public boolean detach(RoomId room, MemberId member, RoomBus.Listener connection) {
    return connections.remove(new Key(room, member), connection);
  }

  @Override
  public void forget(RoomId room, MemberId member) {
    resumeTokens.forget(room, member);
    connections.remove(new Key(room, member));
  }
}
