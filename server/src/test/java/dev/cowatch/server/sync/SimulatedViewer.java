package dev.cowatch.server.sync;

import dev.cowatch.client.CowatchClient;
import dev.cowatch.client.PlayerSync;
import dev.cowatch.client.SimulatedPlayer;
import dev.cowatch.server.TestServer;
import java.util.Random;
import java.util.concurrent.ScheduledExecutorService;

/** A joined client with a simulated player kept on the room's timeline by PlayerSync, stepped on {@code steps}. */
record SimulatedViewer(CowatchClient client, SimulatedPlayer player, PlayerSync sync) {
  static SimulatedViewer start(TestServer ts, CowatchClient joined, long seed, ScheduledExecutorService steps) {
    SimulatedPlayer player = new SimulatedPlayer(joined.localClock(), SimulatedPlayer.Traits.random(new Random(seed)), seed);
    PlayerSync sync = new PlayerSync(joined, player, ts.server().rooms().service().tolerances()).start(steps);
    return new SimulatedViewer(joined, player, sync);
  }
}
