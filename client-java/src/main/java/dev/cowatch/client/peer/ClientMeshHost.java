package dev.cowatch.client.peer;

import dev.cowatch.client.CowatchClient;
import java.util.List;
import java.util.function.Supplier;

/** What the mesh needs of the client: its member id, its two server-time estimates, signals, ICE servers. */
final class ClientMeshHost implements PeerMesh.Host {
  private final CowatchClient client;
  private final Supplier<List<IceServer>> iceServers;

  ClientMeshHost(CowatchClient client, Supplier<List<IceServer>> iceServers) {
    this.client = client;
    this.iceServers = iceServers;
  }

  @Override
  public boolean signal(String to, String session, String purpose, String kind, String payload) {
    return client.signal(to, session, purpose, kind, payload);
  }

  @Override
  public String memberId() {
    return client.memberId();
  }

  @Override
  public double ownServerNowMs() {
    return client.ownServerNowMs();
  }

  @Override
  public double serverNowMs() {
    return client.serverNowMs();
  }

  @Override
  public List<IceServer> iceServers() {
    return iceServers.get();
  }
}
