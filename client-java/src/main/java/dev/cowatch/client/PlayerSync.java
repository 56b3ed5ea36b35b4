package dev.cowatch.client;

import dev.cowatch.core.SoundDelay;
import dev.cowatch.core.Tolerances;
import dev.cowatch.core.room.PlaybackState;
import dev.cowatch.core.room.Timeline;
import dev.cowatch.core.room.Corrections;
import dev.cowatch.core.sync.PlayerCommand;
import dev.cowatch.core.sync.PlayerView;
import dev.cowatch.core.sync.RateGestures;
import dev.cowatch.core.sync.PlayerTraits;
import dev.cowatch.core.sync.SyncController;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Binds a player to a client: keeps the player on the room's timeline with {@link SyncController}
 * every step, and turns the player's events into intents only when a person caused them and they
 * differ from the timeline. Reports its sync health to the room (see {@link HealthReports}).
 */
public final class PlayerSync implements AutoCloseable {
  /** Sync steps every 20 ms: a nudge at 5% overshoots its target by at most 1 ms between steps. */
  public static final long STEP_MS = 20;

  private static final Logger log = LoggerFactory.getLogger(PlayerSync.class);

  private final CowatchClient client;
  private final Player player;
  private final SyncController controller;
  private final EchoGuard guard = new EchoGuard();
  private final HealthReports healthReports = new HealthReports();
  private final Tolerances tolerances;
  private final ReentrantLock lock = new ReentrantLock();
  /** After a gesture became an intent: leave the player alone until the room answers. */
  static final double GESTURE_HOLD_MS = 1_000;
  /**
   * A gesture made before the room's first timeline arrived (play pressed in mpv the moment after joining) is acted
   * on when it arrives, if it is not older than this; dropped, the first timeline, still paused, paused the player
   * again. The twin of EARLY_GESTURE_MS in the web app's playerSync.ts.
   */
  static final double EARLY_GESTURE_MS = 5_000;

  private double stallSinceLocalMs = Double.NaN;
  private boolean stallReported;
  private long heldVersion = -1;
  private double heldUntilLocalMs;
  /** The latest gesture made before the room's first timeline arrived (see EARLY_GESTURE_MS). */
  private PlayerEvent earlyGesture;
  private ScheduledFuture<?> stepper;
  private ScheduledFuture<?> reporter;
  /** How much later the viewer hears the film than the picture shows (core's SoundDelay): the timeline is kept for the sound. */
  private volatile int soundDelayMs;
  private int reportedSoundDelayMs;

  /** For a player that starts and switches rate on the instant (the simulated one). */
  public PlayerSync(CowatchClient client, Player player, Tolerances tolerances) {
    this(client, player, tolerances, PlayerTraits.AT_ONCE);
  }

  /** @param traits what this kind of player is like until its own readings say otherwise (a desktop player's own) */
  public PlayerSync(CowatchClient client, Player player, Tolerances tolerances, PlayerTraits traits) {
    this.client = client;
    this.player = player;
    this.tolerances = tolerances;
    this.controller = new SyncController(tolerances, traits);
    player.onEvent(this::onPlayerEvent);
  }

  public PlayerSync start(ScheduledExecutorService scheduler) {
    stepper = scheduler.scheduleAtFixedRate(this::step, 0, STEP_MS, TimeUnit.MILLISECONDS);
    reporter = scheduler.scheduleAtFixedRate(this::report, HealthReports.CHECK_MS, HealthReports.CHECK_MS,
        TimeUnit.MILLISECONDS);
    return this;
  }

  /** The viewer's sound delay (a person's setting, e.g. the bridge's --sound-delay), kept within SoundDelay's bounds. */
  public void soundDelayMs(double requestedMs) {
    soundDelayMs = SoundDelay.bounded(requestedMs);
  }

  public int soundDelayMs() {
    return soundDelayMs;
  }

  /** The player's error against the timeline at the last step, in ms (positive: ahead). */
  public double lastErrorMs() {
    lock.lock();
    try {
      return controller.lastErrorMs();
    } finally {
      lock.unlock();
    }
  }

  void step() {
    Timeline t = client.timeline();
    // Not only while connected: a client that lost the server keeps its player on the last timeline it
    // was given, by the clock estimate it had (docs/protocol.md 3.12, "The Java client"), until the
    // server's timeline arrives again. Left alone, a player caught in a rate nudge would run off by 50 ms a second.
    if (t == null || !client.clockSynced()) return;
    lock.lock();
    try {
      PlayerView view = player.view().heard(soundDelayMs);
      // What the guard expects lapses only with time in which this client ran (from its first timeline on).
      guard.ran(view.localTimeMs());
      if (view.seeking()) guard.underWay(view.localTimeMs());
      PlayerEvent early = earlyGesture;
      earlyGesture = null;
      // Held from now: the room answers from now on, however long ago the person did it.
      if (early != null && view.localTimeMs() - early.localTimeMs() <= EARLY_GESTURE_MS) {
        gesture(new PlayerEvent(early.kind(), early.positionMs(), early.rate(), view.localTimeMs()));
      }
      if (!stallReported && !Double.isNaN(stallSinceLocalMs)
          && view.localTimeMs() - stallSinceLocalMs >= tolerances.bufferingReportDelayMs()) {
        stallReported = true;
        client.buffering();
      }
      if (t.version() <= heldVersion && view.localTimeMs() < heldUntilLocalMs) return;
      controller.clockUncertaintyMs(client.clockUncertaintyMs());
      List<PlayerCommand> commands = controller.step(t, client.serverNowMs(), view);
      for (PlayerCommand c : commands) apply(c, view.localTimeMs());
    } catch (RuntimeException e) {
      log.error("sync step failed", e);
    } finally {
      lock.unlock();
    }
  }

  private void apply(PlayerCommand command, double nowLocalMs) {
    switch (command) {
      case PlayerCommand.Pause p -> {
        guard.expectSoon(PlayerEvent.Kind.PAUSE, nowLocalMs);
        player.pause();
      }
      case PlayerCommand.Play p -> {
        guard.expectSoon(PlayerEvent.Kind.PLAY, nowLocalMs);
        player.play();
      }
      case PlayerCommand.PlayAt p -> {
        double local = p.serverTimeMs() - client.clockOffsetMs();
        guard.expect(PlayerEvent.Kind.PLAY, Math.max(local, nowLocalMs) + EchoGuard.EXPECTATION_MS);
        player.playAt(local);
      }
      case PlayerCommand.Seek s -> {
        guard.expectSeek(s.positionMs(), nowLocalMs);
        player.seek(SoundDelay.pictureMs(s.positionMs(), soundDelayMs));
      }
      case PlayerCommand.SetRate r -> {
        guard.expectSoon(PlayerEvent.Kind.RATE_CHANGE, nowLocalMs);
        player.setRate(r.rate());
      }
    }
  }

  private void onPlayerEvent(PlayerEvent pictureEvent) {
    PlayerEvent event = pictureEvent.withPosition(SoundDelay.heardMs(pictureEvent.positionMs(), soundDelayMs));
    lock.lock();
    try {
      if (event.kind() == PlayerEvent.Kind.SEEKED) controller.seekFinished(event.localTimeMs());
      if (event.kind() == PlayerEvent.Kind.WAITING) {
        // Reported by step() only if it lasts: brief stalls after seeks are not buffering.
        if (Double.isNaN(stallSinceLocalMs)) stallSinceLocalMs = event.localTimeMs();
        return;
      }
      if (event.kind() == PlayerEvent.Kind.CAN_PLAY) {
        stallSinceLocalMs = Double.NaN;
        if (stallReported) {
          stallReported = false;
          client.ready();
        }
        return;
      }
      if (guard.consume(event)) return;
      gesture(event);
    } finally {
      lock.unlock();
    }
  }

  /**
   * A person did something to the player: tell the room, unless the room already is that way.
   * Until the room answers, the player keeps what the person did instead of being pulled back to
   * the old timeline.
   */
  private void gesture(PlayerEvent event) {
    Timeline t = client.timeline();
    if (t == null) {
      earlyGesture = event;
      return;
    }
    long sentBefore = client.controlIntentsSent();
    sendGesture(event, t);
    if (client.controlIntentsSent() != sentBefore) {
      log.info("the player's {} at {} ms (the room at {} ms, v{}) went to the room as an intent", event.kind(),
          Math.round(event.positionMs()), Math.round(client.expectedPositionMs()), t.version());
      heldVersion = t.version();
      heldUntilLocalMs = event.localTimeMs() + GESTURE_HOLD_MS;
    }
  }

  private void sendGesture(PlayerEvent event, Timeline t) {
    switch (event.kind()) {
      case PLAY -> {
        if (t.state() == PlaybackState.PAUSED) client.play();
      }
      case PAUSE -> {
        if (t.state() != PlaybackState.PAUSED) client.pause(Math.round(event.positionMs()));
      }
      case SEEKED -> {
        // A film that cannot be sought lands at its start whatever was asked (see Player.cannotSeek).
        if (!player.cannotSeek() && Math.abs(event.positionMs() - client.expectedPositionMs()) > tolerances.deadBandMs()) {
          client.seek(Math.round(event.positionMs()));
        }
      }
      case RATE_CHANGE -> {
        // A nudge of ours that a busy player applied after the echo guard stopped waiting is no gesture.
        if (RateGestures.chosenByPerson(event.rate(), t.rate(), tolerances)) client.setRate(event.rate());
      }
      case WAITING, CAN_PLAY -> { }
    }
  }

  private void report() {
    double driftMs;
    double rttMs = client.rttMs();
    Corrections corrections;
    int delay = soundDelayMs;
    lock.lock();
    try {
      driftMs = controller.lastErrorMs();
      // A player that waits for data has no drift to tell: the room forgot the last one when it heard so, and the
      // first report once it plays again goes at once (HealthReporting starts over).
      boolean ready = client.isConnected() && client.clockSynced() && !stallReported;
      // A new sound delay goes at the next check: the room shows it beside the viewer's name.
      boolean delayNews = ready && delay != reportedSoundDelayMs;
      if (!healthReports.due(ready, player.view().localTimeMs(), driftMs, rttMs, controller.nudges(), controller.seeks())
          && !delayNews) {
        return;
      }
      reportedSoundDelayMs = delay;
      corrections = healthReports.takeCorrections(controller.nudges(), controller.seeks());
    } finally {
      lock.unlock();
    }
    client.report(driftMs, rttMs, corrections, delay);
  }

  @Override
  public void close() {
    if (stepper != null) stepper.cancel(false);
    if (reporter != null) reporter.cancel(false);
  }
}
