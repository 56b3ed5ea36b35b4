package dev.cowatch.server.history;

import dev.cowatch.server.account.AccountModule;
import dev.cowatch.server.history.http.HistoryRoutes;
import dev.cowatch.server.history.jdbc.JdbcWatchHistory;
import dev.cowatch.server.platform.jdbc.Database;
import dev.cowatch.server.room.RoomModule;
import io.javalin.config.RoutesConfig;
import java.time.Clock;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;

/** What each user watched: recorded from the rooms' events, listed and pruned over REST. */
public final class HistoryModule {
  private final WatchHistory service;
  private final AccountModule accounts;

  private HistoryModule(WatchHistory service, AccountModule accounts) {
    this.service = service;
    this.accounts = accounts;
  }

  /** @param roomEvents where the rooms' events are written, off the rooms' locks and in order */
  public static HistoryModule create(Database database, RoomModule rooms, AccountModule accounts, Clock clock,
      Executor roomEvents) {
    WatchHistory service = new WatchHistory(new JdbcWatchHistory(database.jdbi()), clock, roomEvents,
        rooms.service().queries()::liveRooms, () -> rooms.service().leads(WatchHistory.HEARTBEAT_JOB));
    rooms.service().observe(service);
    return new HistoryModule(service, accounts);
  }

  public void registerRoutes(RoutesConfig routes) {
    new HistoryRoutes(service, accounts.authentication()).register(routes);
  }

  public void start(ScheduledExecutorService timers) {
    service.schedule(timers);
  }

  public WatchHistory service() {
    return service;
  }
}
