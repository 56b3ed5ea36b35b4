package dev.cowatch.server.social;

import dev.cowatch.core.room.UserId;
import java.util.List;
import java.util.Optional;

/**
 * Port: friendships, pending requests and blocks between users. Every method is one transaction;
 * the combined changes ({@link #befriend}, {@link #block}) change all their rows or none.
 */
public interface FriendRepository {

  /** A user by id with its kind and email, empty when there is none. */
  Optional<Person> person(UserId id);

  /** An account by email (any capitalization), empty when there is none. */
  Optional<Person> accountByEmail(String email);

  boolean areFriends(UserId a, UserId b);

  boolean hasRequest(UserId from, UserId to);

  /** Whether {@code blocker} has blocked {@code blocked}. */
  boolean blocks(UserId blocker, UserId blocked);

  /** Adds a request; false if there was one already. */
  boolean addRequest(UserId from, UserId to, long now);

  /** Removes a request; false if there was none. */
  boolean removeRequest(UserId from, UserId to);

  /** Makes two users friends and removes the requests between them. */
  void befriend(UserId a, UserId b, long now);

  /** Ends a friendship (both directions); false if there was none. */
  boolean unfriend(UserId a, UserId b);

  /** Blocks: also ends a friendship and removes requests either way. False if already blocked. */
  boolean block(UserId blocker, UserId blocked, long now);

  boolean unblock(UserId blocker, UserId blocked);

  /** A friend and since when. */
  record Friend(Person person, long sinceMs) {}

  /** A pending request and its other side. */
  record Request(Person person, long atMs) {}

  List<Friend> friendsOf(UserId user, int limit);

  int friendCount(UserId user);

  List<Request> incoming(UserId user, int limit);

  List<Request> outgoing(UserId user, int limit);

  int outgoingCount(UserId user);

  List<Person> blockedBy(UserId user, int limit);
}
