package dev.cowatch.server.room;

import dev.cowatch.core.room.MemberId;
import dev.cowatch.core.room.RoomId;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** Resume token to member, per room. Tokens die with the membership. */
final class ResumeTokens {
  private record Key(RoomId room, String token) {}

  private final ConcurrentMap<Key, MemberId> members = new ConcurrentHashMap<>();

  String issue(RoomId room, MemberId member, String token) {
    members.put(new Key(room, token), member);
    return token;
  }

  Optional<MemberId> memberOf(RoomId room, String token) {
    return Optional.ofNullable(members.get(new Key(room, token)));
  }

  void forget(RoomId room, MemberId member) {
    members.entrySet().removeIf(e -> e.getKey().room().equals(room) && e.getValue().equals(member));
  }
}
