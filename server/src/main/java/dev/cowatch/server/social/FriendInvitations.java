package dev.cowatch.server.social;

import dev.cowatch.core.room.Room;
import dev.cowatch.core.room.RoomId;
import dev.cowatch.core.room.UserId;
import dev.cowatch.core.room.Visibility;
import dev.cowatch.server.account.Identity;
import dev.cowatch.server.platform.Refusal;
import dev.cowatch.server.platform.mail.MailMessage;
import dev.cowatch.server.platform.mail.MailOutbox;
import dev.cowatch.server.room.RoomInvites;
import dev.cowatch.server.room.RoomManagement;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Invites a friend to a room: an in-app notification and a mail, both with a link that lets them in.
 * A room anyone with its link may enter gets its plain link; a private or password room gets a
 * one-use invite, which only someone allowed to invite may make.
 */
public final class FriendInvitations {
  private static final Logger log = LoggerFactory.getLogger(FriendInvitations.class);
  static final Duration INVITE_LIFETIME = Duration.ofDays(7);

  private final FriendService friends;
  private final FriendRepository people;
  private final RoomManagement rooms;
  private final Notifications notifications;
  private final MailOutbox outbox;
  private final Clock clock;

  public FriendInvitations(FriendService friends, FriendRepository people, RoomManagement rooms,
      Notifications notifications, MailOutbox outbox, Clock clock) {
    this.friends = friends;
    this.people = people;
    this.rooms = rooms;
    this.notifications = notifications;
    this.outbox = outbox;
    this.clock = clock;
  }

  /** @param baseUrl where the web app is reached, for the link */
  public String inviteToRoom(Identity who, UserId friend, RoomId roomId, String baseUrl, String address) {
    Person me = people.person(who.userId()).orElseThrow(() -> notFriends());
    if (who.isGuest() || !friends.areFriends(who.userId(), friend)) throw notFriends();
    Person them = people.person(friend).orElseThrow(FriendInvitations::notFriends);
    Room room = rooms.room(roomId);
    if (room.roster().entry(who.userId()).isEmpty() || room.roster().isBanned(who.userId())) {
      throw new Refusal(Refusal.Kind.FORBIDDEN, "not-in-room", "you can only invite friends to rooms you are in");
    }
    String link;
    if (room.settings().visibility() != Visibility.PRIVATE && !room.settings().passwordProtected()) {
      link = baseUrl + "/r/" + room.id().value();
    } else {
      RoomInvites.Issued invite = rooms.invites().create(who, roomId, INVITE_LIFETIME.toSeconds(), 1, address);
      link = baseUrl + "/i/" + invite.token();
    }
    String name = room.settings().name();
    notifications.notify(friend, Notification.Kind.ROOM_INVITE, me.publicView(),
        Map.of("roomId", room.id().value(), "roomName", name, "link", link));
    if (them.email() != null) {
      outbox.enqueue(null, new MailMessage(them.email(), me.displayName() + " invites you to watch \"" + name + "\"",
          """
          Hello %s,

          %s invites you to watch together in "%s" on Cowatch:

          %s
          """.formatted(them.displayName(), me.displayName(), name, link)), clock.millis(), clock.millis());
    }
    log.info("room invite from={} to={} room={}", who.userId(), friend, roomId);
    return link;
  }

  private static Refusal notFriends() {
    return new Refusal(Refusal.Kind.FORBIDDEN, "not-friends", "you can only invite your friends");
  }
}
