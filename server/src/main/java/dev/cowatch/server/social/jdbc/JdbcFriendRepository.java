package dev.cowatch.server.social.jdbc;

import dev.cowatch.core.room.UserId;
import dev.cowatch.server.account.EmailRules;
import dev.cowatch.server.social.FriendRepository;
import dev.cowatch.server.social.Person;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;

/** Friends, requests and blocks in the relational database (SQLite or PostgreSQL). */
public final class JdbcFriendRepository implements FriendRepository {
  private static final RowMapper<Person> PERSON = (rs, ctx) -> new Person(new UserId(rs.getString("id")),
      rs.getString("display_name"), "account".equals(rs.getString("kind")), rs.getString("email"));
  private static final String PERSON_COLUMNS = "u.id, u.display_name, u.kind, u.email";

  private final Jdbi jdbi;

  public JdbcFriendRepository(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  @Override
  public Optional<Person> person(UserId id) {
    return jdbi.withHandle(h -> h.createQuery("SELECT " + PERSON_COLUMNS + " FROM users u WHERE u.id = :id")
        .bind("id", id.value()).map(PERSON).findOne());
  }

  @Override
  public Optional<Person> accountByEmail(String email) {
    return jdbi.withHandle(h -> h.createQuery("SELECT " + PERSON_COLUMNS + " FROM users u WHERE u.email_key = :key "
        + "AND u.kind = 'account'").bind("key", EmailRules.key(email)).map(PERSON).findOne());
  }

  @Override
  public boolean areFriends(UserId a, UserId b) {
    return exists("SELECT COUNT(*) FROM friendships WHERE user_id = :a AND friend_id = :b", a, b);
  }

  @Override
  public boolean hasRequest(UserId from, UserId to) {
    return exists("SELECT COUNT(*) FROM friend_requests WHERE from_id = :a AND to_id = :b", from, to);
  }

  @Override
  public boolean blocks(UserId blocker, UserId blocked) {
    return exists("SELECT COUNT(*) FROM user_blocks WHERE blocker_id = :a AND blocked_id = :b", blocker, blocked);
  }

  @Override
  public boolean addRequest(UserId from, UserId to, long now) {
    return jdbi.withHandle(h -> h.createUpdate("INSERT INTO friend_requests (from_id, to_id, created_at) "
            + "VALUES (:a, :b, :now) ON CONFLICT DO NOTHING")
        .bind("a", from.value()).bind("b", to.value()).bind("now", now).execute() == 1);
  }

  @Override
  public boolean removeRequest(UserId from, UserId to) {
    return jdbi.withHandle(h -> h.createUpdate("DELETE FROM friend_requests WHERE from_id = :a AND to_id = :b")
        .bind("a", from.value()).bind("b", to.value()).execute() == 1);
  }

  @Override
  public void befriend(UserId a, UserId b, long now) {
    jdbi.useTransaction(h -> {
      dropRequests(h, a, b);
      for (UserId[] pair : new UserId[][] {{a, b}, {b, a}}) {
        h.createUpdate("INSERT INTO friendships (user_id, friend_id, created_at) VALUES (:a, :b, :now) "
                + "ON CONFLICT DO NOTHING")
            .bind("a", pair[0].value()).bind("b", pair[1].value()).bind("now", now).execute();
      }
    });
  }

  @Override
  public boolean unfriend(UserId a, UserId b) {
    return jdbi.inTransaction(h -> unfriend(h, a, b));
  }

  @Override
  public boolean block(UserId blocker, UserId blocked, long now) {
    return jdbi.inTransaction(h -> {
      unfriend(h, blocker, blocked);
      dropRequests(h, blocker, blocked);
      return h.createUpdate("INSERT INTO user_blocks (blocker_id, blocked_id, created_at) VALUES (:a, :b, :now) "
              + "ON CONFLICT DO NOTHING")
          .bind("a", blocker.value()).bind("b", blocked.value()).bind("now", now).execute() == 1;
    });
  }

  @Override
  public boolean unblock(UserId blocker, UserId blocked) {
    return jdbi.withHandle(h -> h.createUpdate("DELETE FROM user_blocks WHERE blocker_id = :a AND blocked_id = :b")
        .bind("a", blocker.value()).bind("b", blocked.value()).execute() == 1);
  }

  @Override
  public List<Friend> friendsOf(UserId user, int limit) {
    return jdbi.withHandle(h -> h.createQuery("SELECT " + PERSON_COLUMNS + ", f.created_at FROM friendships f "
            + "JOIN users u ON u.id = f.friend_id WHERE f.user_id = :me ORDER BY u.display_name, u.id LIMIT :limit")
        .bind("me", user.value()).bind("limit", limit)
        .map((rs, ctx) -> new Friend(PERSON.map(rs, ctx), rs.getLong("created_at"))).list());
  }

  @Override
  public int friendCount(UserId user) {
    return count("SELECT COUNT(*) FROM friendships WHERE user_id = :a", user);
  }

  @Override
  public List<Request> incoming(UserId user, int limit) {
    return requests("JOIN users u ON u.id = r.from_id WHERE r.to_id = :me", user, limit);
  }

  @Override
  public List<Request> outgoing(UserId user, int limit) {
    return requests("JOIN users u ON u.id = r.to_id WHERE r.from_id = :me", user, limit);
  }

  @Override
  public int outgoingCount(UserId user) {
    return count("SELECT COUNT(*) FROM friend_requests WHERE from_id = :a", user);
  }

  @Override
  public List<Person> blockedBy(UserId user, int limit) {
    return jdbi.withHandle(h -> h.createQuery("SELECT " + PERSON_COLUMNS + " FROM user_blocks b "
            + "JOIN users u ON u.id = b.blocked_id WHERE b.blocker_id = :me ORDER BY b.created_at DESC LIMIT :limit")
        .bind("me", user.value()).bind("limit", limit).map(PERSON).list());
  }

  private List<Request> requests(String joinAndWhere, UserId user, int limit) {
    return jdbi.withHandle(h -> h.createQuery("SELECT " + PERSON_COLUMNS + ", r.created_at FROM friend_requests r "
            + joinAndWhere + " ORDER BY r.created_at DESC LIMIT :limit")
        .bind("me", user.value()).bind("limit", limit)
        .map((rs, ctx) -> new Request(PERSON.map(rs, ctx), rs.getLong("created_at"))).list());
  }

  private static boolean unfriend(Handle h, UserId a, UserId b) {
    return h.createUpdate("DELETE FROM friendships WHERE (user_id = :a AND friend_id = :b) "
        + "OR (user_id = :b AND friend_id = :a)").bind("a", a.value()).bind("b", b.value()).execute() > 0;
  }

  private static void dropRequests(Handle h, UserId a, UserId b) {
    h.createUpdate("DELETE FROM friend_requests WHERE (from_id = :a AND to_id = :b) OR (from_id = :b AND to_id = :a)")
        .bind("a", a.value()).bind("b", b.value()).execute();
  }

  private boolean exists(String sql, UserId a, UserId b) {
    return jdbi.withHandle(h -> h.createQuery(sql).bind("a", a.value()).bind("b", b.value()).mapTo(Integer.class).one())
        > 0;
  }

  private int count(String sql, UserId a) {
    return jdbi.withHandle(h -> h.createQuery(sql).bind("a", a.value()).mapTo(Integer.class).one());
  }
}
