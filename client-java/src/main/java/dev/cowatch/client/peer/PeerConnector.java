package dev.cowatch.client.peer;

import java.util.List;

/** Makes peer connections (the WebRTC stack behind the mesh). */
@FunctionalInterface
public interface PeerConnector {
  PeerConnection connect(List<IceServer> iceServers, PeerConnection.Events events);
}
