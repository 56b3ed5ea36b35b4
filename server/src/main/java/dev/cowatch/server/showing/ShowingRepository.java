package dev.cowatch.server.showing;

import dev.cowatch.core.room.UserId;
import java.util.List;
import java.util.Optional;

/** Port: showings, their episodes and attendees. */
public interface ShowingRepository {

  enum Answer { INVITED, GOING, DECLINED }

  /** Someone invited to or coming to a showing, with their display name and email (null for guests). */
  record Attendee(UserId userId, String displayName, String email, Answer answer) {}

  void insert(Showing showing, long now);

  Optional<Showing> find(String id);

  Optional<Showing> byRoom(String roomId);

  /** Replaces start, zone and status. */
  void update(Showing showing, long now);

  /** Sets someone's answer; an invitation does not overwrite an answer already given. */
  void answer(String showingId, UserId user, Answer answer, UserId invitedBy, long now);

  List<Attendee> attendees(String showingId);

  Optional<Answer> answerOf(String showingId, UserId user);

  /** Showings the user owns or is invited to or going to, not cancelled, starting after {@code fromMs}. */
  List<Showing> upcomingFor(UserId user, long fromMs, int limit);

  int countOwnedUpcoming(UserId owner, long fromMs);

  /** Showings not cancelled that start at or after {@code fromMs}, soonest first. */
  List<Showing> active(long fromMs, int limit);
}
