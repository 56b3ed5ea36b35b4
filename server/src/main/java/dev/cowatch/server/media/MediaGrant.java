package dev.cowatch.server.media;

import dev.cowatch.core.room.UserId;
import java.util.Locale;
import java.util.Objects;

/**
 * A share of a library item its owner made: with a room ({@code scopeId} the room's id) or with the
 * owner's friends ({@code scopeId} empty). {@code grantedBy} is the owner, or the friend who shared the
 * item on into a room through a friends share.
 */
public record MediaGrant(String mediaId, Scope scope, String scopeId, UserId grantedBy, long grantedAt) {
  public enum Scope {
    ROOM, FRIENDS;

    public String wire() {
      return name().toLowerCase(Locale.ROOT);
    }

    public static Scope fromWire(String s) {
      return Scope.valueOf(s.toUpperCase(Locale.ROOT));
    }
  }

  public MediaGrant {
    Objects.requireNonNull(mediaId, "mediaId");
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(scopeId, "scopeId");
    Objects.requireNonNull(grantedBy, "grantedBy");
    if ((scope == Scope.FRIENDS) != scopeId.isEmpty()) {
      throw new IllegalArgumentException("a friends share has no scope id, a room share names its room");
    }
  }
}
