package dev.cowatch.server.room.live;

import dev.cowatch.core.room.MemberId;
import dev.cowatch.core.room.RoomId;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** Resume token to member, per room. Tokens die with the membership. */
final class ResumeTokens {
  private final ConcurrentMap<RoomId, Map<String, MemberId>> rooms = new ConcurrentHashMap<>();

  String issue(RoomId room, MemberId member, String token) {
    rooms.computeIfAbsent(room, r -> new ConcurrentHashMap<>()).put(token, member);
    return token;
  }

  Optional<MemberId> memberOf(RoomId room, String token) {
    Map<String, MemberId> tokens = rooms.get(room);
    return tokens == null ? Optional.empty() : Optional.ofNullable(tokens.get(token));
  }

  void forget(RoomId room, MemberId member) {
    rooms.computeIfPresent(room, (r, tokens) -> {
      tokens.values().removeIf(member::equals);
      return tokens.isEmpty() ? null : tokens;
    });
  }
}
