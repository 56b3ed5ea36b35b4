package dev.cowatch.server.showing;

import dev.cowatch.server.account.AccountModule;
import dev.cowatch.server.media.MediaModule;
import dev.cowatch.server.platform.Ids;
import dev.cowatch.server.platform.jdbc.Database;
import dev.cowatch.server.platform.mail.MailOutbox;
import dev.cowatch.server.room.RoomModule;
import dev.cowatch.server.showing.http.ShowingRoutes;
import dev.cowatch.server.showing.jdbc.JdbcShowingRepository;
import dev.cowatch.server.social.SocialModule;
import io.javalin.config.RoutesConfig;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;

/**
 * Scheduled showings: planned over REST, announced to friends, reminded by mail, and run in their rooms
 * at their start ({@link RoomShowingConductor}).
 */
public final class ShowingModule {
  private final Showings service;
  private final RoomShowingConductor conductor;
  private final AccountModule accounts;
  private final Supplier<String> linkBase;
  private final Clock clock;
  private final ScheduledExecutorService timers;

  private ShowingModule(Showings service, RoomShowingConductor conductor, AccountModule accounts,
      Supplier<String> linkBase, Clock clock, ScheduledExecutorService timers) {
    this.timers = timers;
    this.service = service;
    this.conductor = conductor;
    this.accounts = accounts;
    this.linkBase = linkBase;
    this.clock = clock;
  }

  /**
   * @param rules when reminders go out and how soon a showing may start
   * @param linkBase where links in mails and calendars point (the configured public URL)
   */
  public static ShowingModule create(Database database, RoomModule rooms, SocialModule social, MediaModule media,
      AccountModule accounts, MailOutbox outbox, Clock clock, Ids ids, ShowingConfig rules,
      ScheduledExecutorService timers, Supplier<String> linkBase) {
    JdbcShowingRepository repository = new JdbcShowingRepository(database.jdbi());
    RoomShowingConductor conductor = new RoomShowingConductor(repository, rooms.service(), clock, timers);
    rooms.service().observe(conductor);
    rooms.service().planFrom(conductor);
    Showings service = new Showings(repository, rooms.management(), social.friends(), social.notifications(), outbox,
        (who, itemId) -> Optional.ofNullable(media.library().get(who, itemId).durationMs()), clock, rules,
        ids::recordId, conductor);
    return new ShowingModule(service, conductor, accounts, linkBase, clock, timers);
  }

  public void registerRoutes(RoutesConfig routes) {
    new ShowingRoutes(service, accounts.authentication(), linkBase, clock).register(routes);
  }

  /** Takes up the showings that should be running, and from then on what other nodes plan. */
  public void start() {
    conductor.start();
    long every = RoomShowingConductor.REFRESH_EVERY.toMillis();
    timers.scheduleAtFixedRate(conductor::refresh, every, every, java.util.concurrent.TimeUnit.MILLISECONDS);
  }

  public Showings service() {
    return service;
  }

  /** What runs showings in their rooms (tests drive its end timer with a fake clock). */
  public RoomShowingConductor conductor() {
    return conductor;
  }
}
