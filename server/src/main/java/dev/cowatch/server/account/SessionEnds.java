package dev.cowatch.server.account;

import dev.cowatch.core.room.UserId;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Tells whoever holds an identity longer than a request (a room's WebSocket) that some of a user's
 * sessions may have ended on this node: a sign-out, a sign-out everywhere, a password changed or
 * reset, a guest turned into an account, a refresh token reused. The listener asks the
 * {@link Authenticator} again for what it holds; the notice itself says nothing about which session,
 * so every way of ending one goes through the same check. Sessions ended on another node are seen
 * through the database within {@link SessionLiveness#MAX_STALENESS} by requests; held connections
 * hear of them through the room module, which passes these notices between nodes.
 */
public final class SessionEnds {
  private final List<Consumer<UserId>> listeners = new CopyOnWriteArrayList<>();

  public void subscribe(Consumer<UserId> listener) {
    listeners.add(listener);
  }

  void ended(UserId user) {
    for (Consumer<UserId> l : listeners) l.accept(user);
  }
}
