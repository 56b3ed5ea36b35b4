package dev.cowatch.server.syncplay;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cowatch.core.text.Names;
import dev.cowatch.server.account.Identity;
import dev.cowatch.server.account.SessionService;
import dev.cowatch.server.platform.Ids;
import dev.cowatch.server.platform.Refusal;
import dev.cowatch.server.room.RoomManagement;
import dev.cowatch.server.room.RoomService;
import dev.cowatch.server.room.bus.RoomBus;

/**
 * A Syncplay Hello let into its Cowatch room. Without a room password the user is a guest of that
 * connection alone, as a web client without a token is; with one, a guest identity is made (as the web
 * app's name form does) and let in by the password, as the room's password form does. Either way the
 * room's own rules decide (guests allowed, private, banned, full).
 */
final class SyncplayAdmission {
  /** What the members list says these members use (Member#client). */
  static final String CLIENT_KIND = "syncplay";
  /** Who says nothing usable gets this name. */
  static final String NAMELESS = "Syncplay user";

  private final RoomService rooms;
  private final RoomManagement management;
  private final SessionService sessions;
  private final Ids ids;

  SyncplayAdmission(RoomService rooms, RoomManagement management, SessionService sessions, Ids ids) {
    this.rooms = rooms;
    this.management = management;
    this.sessions = sessions;
    this.ids = ids;
  }

  /** What a Hello asked for. */
  record Hello(String username, String roomField, String version, boolean serverPassword) {
    static Hello of(JsonNode args) {
      String version = SyncplayLines.text(args, "realversion");
      if (version == null) version = SyncplayLines.text(args, "version");
      return new Hello(SyncplayLines.text(args, "username"), SyncplayLines.text(args.path("room"), "name"), version,
          SyncplayLines.text(args, "password") != null && !args.path("password").asText().isEmpty());
    }
  }

  /** The member let in, as who, in which room. */
  record Admitted(dev.cowatch.server.room.members.Joined joined, SyncplayRoomRef room, String displayName) {}

  /**
   * Lets the Hello's user into its room with {@code listener} subscribed.
   *
   * @throws Refusal with what to tell the user when the Hello is incomplete or the room says no
   */
  Admitted admit(Hello hello, String address, RoomBus.Listener listener) {
    if (hello.username() == null || hello.roomField() == null || hello.version() == null) {
      throw refusal("hello", "Syncplay's Hello needs a username, a room and a version");
    }
    SyncplayRoomRef ref = SyncplayRoomRef.parse(hello.roomField())
        .orElseThrow(() -> refusal("room-not-found", SyncplayRoomRef.problem(hello.roomField())));
    String name = displayName(hello.username());
    Identity who;
    try {
      if (ref.password() != null) {
        // Counted per address before a guest is made for the try (each Hello is a new guest: the address is
        // what ties a Syncplay guesser's tries together) and before the hash.
        management.checkPasswordTries(ref.roomId(), address);
        who = sessions.guest(name, address).user().identity();
        management.enter(who, ref.roomId(), ref.password(), null, address);
      } else {
        who = new Identity(ids.anonymousUserId(), Identity.Kind.ANONYMOUS, name);
      }
      return new Admitted(rooms.join(ref.roomId(), who, name, null, listener, CLIENT_KIND), ref, name);
    } catch (Refusal r) {
      boolean needsPassword = r.getMessage() != null && r.getMessage().contains("password");
      if (needsPassword && ref.password() == null) {
        throw refusal(r.type(), r.getMessage() + ": give it after the room code, as <code>:<password>"
            + (hello.serverPassword() ? " (Syncplay's server password field cannot carry it)" : ""));
      }
      throw r;
    }
  }

  /**
   * The name others see: Syncplay's username made to follow Cowatch's rule (printable, 1-40
   * characters), so that any Syncplay name gets in.
   */
  static String displayName(String username) {
    return Names.repaired(username.strip(), SyncplayLines.MAX_USERNAME_LENGTH, NAMELESS);
  }

  private static Refusal refusal(String type, String message) {
    return new Refusal(Refusal.Kind.BAD_REQUEST, type, message);
  }
}
