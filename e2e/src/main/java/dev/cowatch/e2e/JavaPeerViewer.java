package dev.cowatch.e2e;

import dev.cowatch.client.CowatchClient;
import dev.cowatch.client.PlayerSync;
import dev.cowatch.client.SimulatedPlayer;
import dev.cowatch.client.peer.IceServers;
import dev.cowatch.client.peer.PeerSync;
import dev.cowatch.client.webrtc.LibWebRtcConnector;
import dev.cowatch.core.Tolerances;
import dev.cowatch.core.room.Timeline;
import dev.cowatch.core.sync.PlayerView;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A Java client in a room's peer mesh, as its own process: {@link JavaPeerProcess} starts it inside the
 * browsers' network namespace (a desktop player beside its friends' browsers), so it loses the server
 * when they do. It plays a simulated player kept in step by PlayerSync, prints its state every 50 ms
 * as one line ({@code state wallMs=… positionMs=… …}) and takes commands on stdin: {@code play},
 * {@code pause}, {@code seek <ms>} (gestures on its player, as a person's) and {@code quit}.
 *
 * <p>Arguments: the server's base URI, the room id, the display name, the player's seed, and optionally an
 * account's access token (without one it joins as an anonymous guest).
 */
public final class JavaPeerViewer {
  private JavaPeerViewer() {}

  public static void main(String[] args) throws Exception {
    URI base = URI.create(args[0]);
    ScheduledExecutorService steps = Executors.newScheduledThreadPool(2);
    String token = args.length > 4 ? args[4] : null;
    CowatchClient client = CowatchClient.builder(base, args[1], steps).name(args[2]).accessToken(token).build();
    PeerSync peers = PeerSync.start(client, new LibWebRtcConnector(), new IceServers(base, args[1], token), Tolerances.DEFAULTS);
    client.connect().get(15, TimeUnit.SECONDS);
    long seed = Long.parseLong(args[3]);
    SimulatedPlayer player = new SimulatedPlayer(client.localClock(), SimulatedPlayer.Traits.random(new Random(seed)), seed);
    PlayerSync sync = new PlayerSync(client, player, Tolerances.DEFAULTS).start(steps);
    steps.scheduleAtFixedRate(() -> System.out.println(state(client, peers, player, sync)), 0, 50, TimeUnit.MILLISECONDS);
    try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
      for (String line = in.readLine(); line != null && !line.equals("quit"); line = in.readLine()) {
        String[] words = line.trim().split("\\s+");
        switch (words[0]) {
          case "play" -> player.play();
          case "pause" -> player.pause();
          case "seek" -> player.seek(Double.parseDouble(words[1]));
          case "trace" -> System.out.println("trace " + String.join(" | ", peers.trace()));
          default -> System.out.println("unknown command " + line);
        }
      }
    }
    sync.close();
    peers.close();
    client.close();
    steps.shutdownNow();
    System.exit(0);
  }

  private static String state(CowatchClient client, PeerSync peers, SimulatedPlayer player, PlayerSync sync) {
    PlayerView v = player.view();
    Timeline t = client.timeline();
    return String.format(Locale.ROOT,
        "state wallMs=%d positionMs=%.1f playing=%b rate=%.4f seeking=%b version=%d onPeers=%b open=%d connected=%b member=%s "
            + "authority=%s errorMs=%.1f",
        System.currentTimeMillis(), player.positionMs(), !v.paused(), v.rate(), v.seeking(), t == null ? -1 : t.version(),
        peers.onPeers(), peers.openPeers().size(), client.isConnected(), client.memberId(), peers.authority(), sync.lastErrorMs());
  }
}
