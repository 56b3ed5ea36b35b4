package dev.cowatch.server.showing;

/** Port: puts a showing's programme on its room's timeline, and takes it off when it is cancelled. */
public interface ShowingConductor {
  void programme(Showing showing);

  void cancelled(Showing showing);
}
