package dev.cowatch.server.chat;

import dev.cowatch.server.account.AccountModule;
import dev.cowatch.server.chat.http.ChatRoutes;
import dev.cowatch.server.chat.jdbc.JdbcChatRepository;
import dev.cowatch.server.chat.ws.SocketChat;
import dev.cowatch.server.platform.jdbc.Database;
import dev.cowatch.server.room.RoomModule;
import dev.cowatch.server.room.ws.RoomChat;
import io.javalin.config.RoutesConfig;
import java.time.Clock;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Room chat: lines in the database, over the room socket ({@link #socketChat()}) and REST (mutes). */
public final class ChatModule {
  private static final Logger log = LoggerFactory.getLogger(ChatModule.class);
  private final ChatService service;
  private final AccountModule accounts;

  private ChatModule(ChatService service, AccountModule accounts) {
    this.service = service;
    this.accounts = accounts;
  }

  /** @param roomEvents where lines about what happened in a room (joins, media changes) are written, in order */
  public static ChatModule create(Database database, RoomModule rooms, AccountModule accounts, Clock clock,
      Executor roomEvents) {
    ChatService service = new ChatService(rooms.service(), new JdbcChatRepository(database.jdbi()), clock);
    rooms.service().observe(new ChatSystemLines(service, roomEvents));
    return new ChatModule(service, accounts);
  }

  /** Sends crowds their counts (reactions over the video, lines not sent live) once a second. */
  public void start(ScheduledExecutorService timers) {
    timers.scheduleWithFixedDelay(() -> {
      try {
        service.sendCrowdCounts();
      } catch (RuntimeException e) {
        log.warn("the crowds' counts not sent this second", e);
      }
    }, ChatService.CROWD_WINDOW_MS, ChatService.CROWD_WINDOW_MS, TimeUnit.MILLISECONDS);
  }

  public void registerRoutes(RoutesConfig routes) {
    new ChatRoutes(service, accounts.authentication()).register(routes);
  }

  /** Chat as the room socket carries it. */
  public RoomChat socketChat() {
    return new SocketChat(service);
  }

  public ChatService service() {
    return service;
  }
}
