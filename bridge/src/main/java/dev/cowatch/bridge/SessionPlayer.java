package dev.cowatch.bridge;

import dev.cowatch.client.Player;
import dev.cowatch.client.PlayerEvent;
import dev.cowatch.core.sync.PlayerView;
import java.util.function.Consumer;

/**
 * The player as one room session sees it. A player keeps its event listeners for life; when the
 * bridge moves to another room (a Discord join) the old session's are cut off here, so the old room
 * hears nothing of the player any more.
 */
final class SessionPlayer implements Player {
  private final Player player;
  private volatile boolean active = true;

  SessionPlayer(Player player) {
    this.player = player;
  }

  void deactivate() {
    active = false;
  }

  @Override
  public PlayerView view() {
    return player.view();
  }

  @Override
  public void play() {
    if (active) player.play();
  }

  @Override
  public void pause() {
    if (active) player.pause();
  }

  @Override
  public void playAt(double localTimeMs) {
    if (active) player.playAt(localTimeMs);
  }

  @Override
  public void seek(double positionMs) {
    if (active) player.seek(positionMs);
  }

  @Override
  public void setRate(double rate) {
    if (active) player.setRate(rate);
  }

  @Override
  public boolean cannotSeek() {
    return player.cannotSeek();
  }

  @Override
  public void onEvent(Consumer<PlayerEvent> listener) {
    player.onEvent(e -> {
      if (active) listener.accept(e);
    });
  }
}
