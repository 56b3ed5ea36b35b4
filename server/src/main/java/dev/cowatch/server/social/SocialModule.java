package dev.cowatch.server.social;

import dev.cowatch.server.account.AccountModule;
import dev.cowatch.server.platform.jdbc.Database;
import dev.cowatch.server.platform.mail.MailOutbox;
import dev.cowatch.server.room.RoomModule;
import dev.cowatch.server.social.http.FriendRoutes;
import dev.cowatch.server.social.jdbc.JdbcFriendRepository;
import dev.cowatch.server.social.jdbc.JdbcNotificationRepository;
import io.javalin.config.RoutesConfig;
import java.time.Clock;
import java.util.function.Supplier;

/** Friends, their presence (which room they are in), invitations to rooms, and notifications. */
public final class SocialModule {
  private final FriendService friends;
  private final FriendInvitations invitations;
  private final Notifications notifications;
  private final AccountModule accounts;
  private final Supplier<String> linkBase;

  private SocialModule(FriendService friends, FriendInvitations invitations, Notifications notifications,
      AccountModule accounts, Supplier<String> linkBase) {
    this.friends = friends;
    this.invitations = invitations;
    this.notifications = notifications;
    this.accounts = accounts;
    this.linkBase = linkBase;
  }

  /** @param linkBase where links in invitations point (the configured public URL) */
  public static SocialModule create(Database database, RoomModule rooms, AccountModule accounts, MailOutbox outbox,
      Clock clock, Supplier<String> linkBase) {
    JdbcFriendRepository people = new JdbcFriendRepository(database.jdbi());
    Notifications notifications = new Notifications(new JdbcNotificationRepository(database.jdbi()), clock);
    FriendService friends = new FriendService(people, notifications,
        new Presence(clock, rooms.service().queries()::whereConnected), clock);
    FriendInvitations invitations = new FriendInvitations(friends, people, rooms.management(), notifications, outbox,
        clock);
    return new SocialModule(friends, invitations, notifications, accounts, linkBase);
  }

  public void registerRoutes(RoutesConfig routes) {
    new FriendRoutes(friends, invitations, notifications, accounts.authentication(), linkBase).register(routes);
  }

  public FriendService friends() {
    return friends;
  }

  public Notifications notifications() {
    return notifications;
  }
}
