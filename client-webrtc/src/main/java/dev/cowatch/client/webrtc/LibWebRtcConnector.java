package dev.cowatch.client.webrtc;

import dev.cowatch.client.peer.IceServer;
import dev.cowatch.client.peer.PeerConnection;
import dev.cowatch.client.peer.PeerConnector;
import dev.onvoid.webrtc.PeerConnectionFactory;
import dev.onvoid.webrtc.RTCBundlePolicy;
import dev.onvoid.webrtc.RTCConfiguration;
import dev.onvoid.webrtc.RTCIceServer;
import dev.onvoid.webrtc.RTCIceTransportPolicy;
import dev.onvoid.webrtc.media.audio.HeadlessAudioDeviceModule;
import java.util.ArrayList;
import java.util.List;

/**
 * Peer connections on libwebrtc (webrtc-java). One factory for the process, made on first use: it
 * starts the stack's threads. Its audio device is the headless one, because the default looks for a
 * sound card and aborts the JVM without one; the mesh carries no voice from a Java client anyway (an
 * offer with an audio line is answered, and the audio that arrives is dropped).
 */
public final class LibWebRtcConnector implements PeerConnector {
  private static PeerConnectionFactory factory;
  private final boolean hideAddress;

  /** Connections that gather every kind of candidate: the peers see this machine's addresses. */
  public LibWebRtcConnector() {
    this(false);
  }

  /**
   * @param hideAddress connect through the TURN relay only (ICE transport policy {@code relay}), as the web
   *     app's "hide my address" does: peers see the relay's address, never this machine's
   */
  public LibWebRtcConnector(boolean hideAddress) {
    this.hideAddress = hideAddress;
  }

  /**
   * The connector, once libwebrtc has loaded and started here; empty (with the reason told) where it
   * cannot: a platform without its native library (only Linux x86-64 is shipped), a broken install.
   * A client without it plays on the last timeline while the server is away (docs/protocol.md 3.12).
   */
  public static java.util.Optional<PeerConnector> load(java.util.function.Consumer<String> whyNot) {
    return load(whyNot, false);
  }

  /** As {@link #load(java.util.function.Consumer)}, relay only when {@code hideAddress}. */
  public static java.util.Optional<PeerConnector> load(java.util.function.Consumer<String> whyNot, boolean hideAddress) {
    try {
      factory();
      return java.util.Optional.of(new LibWebRtcConnector(hideAddress));
    } catch (LinkageError | RuntimeException e) {
      whyNot.accept("no peer connections (WebRTC did not load: " + e + ")");
      return java.util.Optional.empty();
    }
  }

  private static synchronized PeerConnectionFactory factory() {
    if (factory == null) factory = new PeerConnectionFactory(new HeadlessAudioDeviceModule());
    return factory;
  }

  @Override
  public PeerConnection connect(List<IceServer> iceServers, PeerConnection.Events events) {
    return new LibWebRtcConnection(factory(), configuration(iceServers, hideAddress), events);
  }

  static RTCConfiguration configuration(List<IceServer> iceServers, boolean hideAddress) {
    RTCConfiguration config = new RTCConfiguration();
    config.iceServers = new ArrayList<>();
    for (IceServer s : iceServers) {
      RTCIceServer server = new RTCIceServer();
      server.urls = new ArrayList<>(s.urls());
      server.username = s.username();
      server.password = s.credential();
      config.iceServers.add(server);
    }
    // One transport for everything on the connection, as the web app's (peerLink.ts).
    config.bundlePolicy = RTCBundlePolicy.MAX_BUNDLE;
    // A hidden address gathers relay candidates only: the peer never sees this machine's.
    config.iceTransportPolicy = hideAddress ? RTCIceTransportPolicy.RELAY : RTCIceTransportPolicy.ALL;
    return config;
  }
}
