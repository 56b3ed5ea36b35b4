package dev.cowatch.bench;

import dev.cowatch.client.ClientClock;
import dev.cowatch.client.CowatchClient;
import dev.cowatch.client.DelayedTransport;
import dev.cowatch.client.PlayerSync;
import dev.cowatch.client.SimulatedPlayer;
import dev.cowatch.client.WebSocketTransport;
import dev.cowatch.core.Tolerances;
import java.net.URI;
import java.util.Random;
import java.util.concurrent.ScheduledExecutorService;

/** One simulated person: a skewed clock, a long network path, a player and the sync that binds them. */
final class Viewer implements AutoCloseable {
  final int index;
  /** How wrong this machine's clock is; the client must discover it. */
  final double skewMs;
  final CowatchClient client;
  final SimulatedPlayer player;
  final PlayerSync sync;

  Viewer(int index, URI server, String roomId, ScheduledExecutorService scheduler, Random random,
      SyncBench.Scenario s, Tolerances tolerances) {
    this.index = index;
    this.skewMs = (random.nextDouble() * 2 - 1) * s.maxSkewMs();
    ClientClock clock = ClientClock.system().shifted(skewMs);
    var transport = new DelayedTransport(new WebSocketTransport(), scheduler, random.nextLong(), s.meanDelayMs(), s.jitterMs());
    this.client = CowatchClient.builder(server, roomId, scheduler).name("viewer-" + index).clock(clock)
        .transport(transport).tolerances(tolerances).build();
    this.player = new SimulatedPlayer(clock, SimulatedPlayer.Traits.random(random), random.nextLong());
    this.sync = new PlayerSync(client, player, tolerances);
  }

  void start(ScheduledExecutorService scheduler) throws Exception {
    client.connect().get();
    sync.start(scheduler);
  }

  /** Error of the clock estimate: estimated offset minus the true one (which is minus the skew). */
  double clockErrorMs() {
    return client.clockOffsetMs() + skewMs;
  }

  @Override
  public void close() {
    sync.close();
    client.close();
  }
}
