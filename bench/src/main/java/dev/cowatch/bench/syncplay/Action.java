package dev.cowatch.bench.syncplay;

/**
 * What the controller does to the room, and how a member recognizes it in a State: the change
 * itself, set by the controller. The server also sends every member a State each second, set by
 * whoever it picks; those repeat the room as it is, so before the change reaches the server they
 * show the old state and cannot be taken for it. Seek targets differ from one seek to the next.
 */
record Action(Kind kind, double to) {
  enum Kind { PAUSE, SEEK, PLAY }

  /** Syncplay's seek threshold is 1 s; a relayed seek carries the controller's position exactly. */
  private static final double SAME_POSITION = 0.001;

  /** The {@code n}-th action of a run (from 0): pause, seek, play, pause, seek, play, ... */
  static Action nth(int n) {
    return switch (n % 3) {
      case 0 -> new Action(Kind.PAUSE, Double.NaN);
      case 1 -> new Action(Kind.SEEK, 60 + 10.0 * n);
      default -> new Action(Kind.PLAY, Double.NaN);
    };
  }

  /** Whether {@code state} is this action reaching a member, {@code controller} being who acted. */
  boolean shownBy(PlayState state, String controller) {
    if (state == null || !controller.equals(state.setBy())) return false;
    return switch (kind) {
      case PAUSE -> state.paused();
      case SEEK -> state.seek() && Math.abs(state.position() - to) < SAME_POSITION;
      case PLAY -> !state.paused();
    };
  }

  /** The controller's change: where its player is after the action, paused or not, and whether it jumped. */
  void perform(SyncplayLoop loop, SyncplayConnection controller) {
    double here = controller.protocol().position(loop.now());
    switch (kind) {
      case PAUSE -> loop.change(controller, here, true, false);
      case SEEK -> loop.change(controller, to, controller.protocol().paused(), true);
      case PLAY -> loop.change(controller, here, false, false);
    }
  }
}
