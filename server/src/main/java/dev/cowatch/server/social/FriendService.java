package dev.cowatch.server.social;

import dev.cowatch.core.room.Room;
import dev.cowatch.core.room.UserId;
import dev.cowatch.core.room.Visibility;
import dev.cowatch.server.account.EmailRules;
import dev.cowatch.server.account.Identity;
import dev.cowatch.server.platform.Refusal;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Friend requests, friendships and blocks between accounts (guests are asked to sign up first). A
 * request to someone who has asked you already makes you friends; a block ends a friendship, drops
 * requests both ways and stops new ones from the blocked person, who is not told.
 */
public final class FriendService {
  private static final Logger log = LoggerFactory.getLogger(FriendService.class);
  public static final int MAX_FRIENDS = 1_000;
  public static final int MAX_PENDING_OUT = 100;
  public static final int MAX_BLOCKS = 1_000;

  private final FriendRepository repository;
  private final Notifications notifications;
  private final Presence presence;
  private final Clock clock;

  public FriendService(FriendRepository repository, Notifications notifications, Presence presence, Clock clock) {
    this.repository = repository;
    this.notifications = notifications;
    this.presence = presence;
    this.clock = clock;
  }

  public enum RequestOutcome { PENDING, FRIENDS }

  /** Asks {@code target} (by user id) to be friends. */
  public RequestOutcome request(Identity who, UserId target) {
    Person me = account(who);
    Person them = repository.person(target).orElseThrow(() -> notFound("no user '" + target.value() + "'"));
    return request(me, them);
  }

  /** Asks the account with this email to be friends. */
  public RequestOutcome requestByEmail(Identity who, String email) {
    Person me = account(who);
    if (email == null || EmailRules.problem(email).isPresent()) throw invalid("that is not an email address");
    Person them = repository.accountByEmail(email).orElseThrow(() -> notFound("no account with that email"));
    return request(me, them);
  }

  private RequestOutcome request(Person me, Person them) {
    if (me.userId().equals(them.userId())) throw invalid("you cannot befriend yourself");
    if (!them.account()) throw forbidden("guest-cannot-befriend", "only people with an account can be friends");
    if (repository.blocks(me.userId(), them.userId())) {
      throw forbidden("blocked", "you have blocked this person; unblock them first");
    }
    if (repository.blocks(them.userId(), me.userId())) {
      throw forbidden("cannot-befriend", "you cannot send this person a friend request");
    }
    if (repository.areFriends(me.userId(), them.userId())) return RequestOutcome.FRIENDS;
    if (repository.hasRequest(them.userId(), me.userId())) {
      befriend(me, them);
      return RequestOutcome.FRIENDS;
    }
    if (repository.hasRequest(me.userId(), them.userId())) return RequestOutcome.PENDING;
    if (repository.outgoingCount(me.userId()) >= MAX_PENDING_OUT) {
      throw conflict("too-many-requests", "you have " + MAX_PENDING_OUT + " requests waiting for an answer");
    }
    requireRoomForFriend(me.userId());
    if (repository.addRequest(me.userId(), them.userId(), clock.millis())) {
      notifications.notify(them.userId(), Notification.Kind.FRIEND_REQUEST, me.publicView(), Map.of());
      log.info("friend request from={} to={}", me.userId(), them.userId());
    }
    return RequestOutcome.PENDING;
  }

  public void accept(Identity who, UserId from) {
    Person me = account(who);
    if (!repository.hasRequest(from, me.userId())) throw notFound("no friend request from '" + from.value() + "'");
    Person them = repository.person(from).orElseThrow(() -> notFound("no user '" + from.value() + "'"));
    befriend(me, them);
  }

  private void befriend(Person me, Person them) {
    requireRoomForFriend(me.userId());
    requireRoomForFriend(them.userId());
    repository.befriend(me.userId(), them.userId(), clock.millis());
    notifications.notify(them.userId(), Notification.Kind.FRIEND_ACCEPTED, me.publicView(), Map.of());
    log.info("friends now a={} b={}", me.userId(), them.userId());
  }

  public void decline(Identity who, UserId from) {
    Person me = account(who);
    if (!repository.removeRequest(from, me.userId())) throw notFound("no friend request from '" + from.value() + "'");
  }

  public void cancel(Identity who, UserId to) {
    Person me = account(who);
    if (!repository.removeRequest(me.userId(), to)) throw notFound("no friend request to '" + to.value() + "'");
  }

  public void remove(Identity who, UserId friend) {
    Person me = account(who);
    if (!repository.unfriend(me.userId(), friend)) throw notFound("'" + friend.value() + "' is not your friend");
  }

  public void block(Identity who, UserId target) {
    Person me = account(who);
    if (me.userId().equals(target)) throw invalid("you cannot block yourself");
    repository.person(target).orElseThrow(() -> notFound("no user '" + target.value() + "'"));
    if (repository.blockedBy(me.userId(), MAX_BLOCKS).size() >= MAX_BLOCKS) {
      throw conflict("too-many-blocks", "you can block at most " + MAX_BLOCKS + " people");
    }
    repository.block(me.userId(), target, clock.millis());
  }

  public void unblock(Identity who, UserId target) {
    Person me = account(who);
    if (!repository.unblock(me.userId(), target)) throw notFound("'" + target.value() + "' is not blocked");
  }

  /** The web app checking in: its user counts as online for a while. */
  public void checkIn(Identity who) {
    presence.seen(who.userId());
  }

  /** A user with their email (for mail); 404 when there is none. */
  public Person person(UserId user) {
    return repository.person(user).orElseThrow(() -> notFound("no user '" + user.value() + "'"));
  }

  /** Whether {@code a} and {@code b} are friends (for invitations). */
  public boolean areFriends(UserId a, UserId b) {
    return repository.areFriends(a, b);
  }

  /** Where a friend is: online or not, and the rooms they watch in that the viewer could enter too. */
  public record FriendView(Person person, long sinceMs, boolean online, List<Room> watching) {}

  public record Overview(List<FriendView> friends, List<FriendRepository.Request> incoming,
      List<FriendRepository.Request> outgoing, List<Person> blocked) {}

  public Overview overview(Identity who) {
    Person me = account(who);
    presence.seen(me.userId());
    List<FriendRepository.Friend> friends = repository.friendsOf(me.userId(), MAX_FRIENDS);
    Set<UserId> ids = new HashSet<>();
    friends.forEach(f -> ids.add(f.person().userId()));
    Map<UserId, List<Room>> rooms = presence.watching(ids);
    List<FriendView> views = friends.stream().map(f -> {
      List<Room> in = rooms.getOrDefault(f.person().userId(), List.of()).stream()
          .filter(r -> visibleTo(r, me.userId())).toList();
      boolean online = !rooms.getOrDefault(f.person().userId(), List.of()).isEmpty()
          || presence.recentlySeen(f.person().userId());
      return new FriendView(f.person().publicView(), f.sinceMs(), online, in);
    }).toList();
    return new Overview(views, repository.incoming(me.userId(), MAX_PENDING_OUT * 10),
        repository.outgoing(me.userId(), MAX_PENDING_OUT), repository.blockedBy(me.userId(), MAX_BLOCKS));
  }

  /** A room a friend watches in is shown only when the viewer could find or enter it anyway. */
  static boolean visibleTo(Room room, UserId viewer) {
    if (room.roster().isBanned(viewer)) return false;
    return room.settings().visibility() == Visibility.PUBLIC || room.roster().entry(viewer).isPresent();
  }

  private void requireRoomForFriend(UserId user) {
    if (repository.friendCount(user) >= MAX_FRIENDS) {
      throw conflict("too-many-friends", "a person can have at most " + MAX_FRIENDS + " friends");
    }
  }

  private Person account(Identity who) {
    if (who.isGuest()) throw forbidden("account-required", "sign up to have friends");
    Optional<Person> me = repository.person(who.userId());
    return me.orElseThrow(() -> notFound("no user '" + who.userId().value() + "'"));
  }

  private static Refusal notFound(String message) {
    return new Refusal(Refusal.Kind.NOT_FOUND, "not-found", message);
  }

  private static Refusal invalid(String message) {
    return new Refusal(Refusal.Kind.INVALID, "invalid-friend-request", message);
  }

  private static Refusal forbidden(String type, String message) {
    return new Refusal(Refusal.Kind.FORBIDDEN, type, message);
  }

  private static Refusal conflict(String type, String message) {
    return new Refusal(Refusal.Kind.CONFLICT, type, message);
  }
}
