package dev.cowatch.server.room.live;

import dev.cowatch.core.room.UserId;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Port: "some of this user's sessions may have ended" (a sign-out, a password reset ...), heard by the
 * room sockets of every node, so that a connection held on one node closes when the user signs out
 * on another. On one node, a plain list of listeners; in a cluster, a pub/sub channel.
 */
public interface SessionNotices {
  void publish(UserId user);

  void subscribe(Consumer<UserId> listener);

  /** One node: notices go to this node's listeners only. */
  static SessionNotices local() {
    List<Consumer<UserId>> listeners = new CopyOnWriteArrayList<>();
    return new SessionNotices() {
      @Override
      public void publish(UserId user) {
        for (Consumer<UserId> l : listeners) l.accept(user);
      }

      @Override
      public void subscribe(Consumer<UserId> listener) {
        listeners.add(listener);
      }
    };
  }
}
