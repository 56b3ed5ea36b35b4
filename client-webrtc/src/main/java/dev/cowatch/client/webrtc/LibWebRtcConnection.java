package dev.cowatch.client.webrtc;

import dev.cowatch.client.peer.PeerConnection;
import dev.onvoid.webrtc.CreateSessionDescriptionObserver;
import dev.onvoid.webrtc.PeerConnectionFactory;
import dev.onvoid.webrtc.PeerConnectionObserver;
import dev.onvoid.webrtc.RTCAnswerOptions;
import dev.onvoid.webrtc.RTCConfiguration;
import dev.onvoid.webrtc.RTCDataChannel;
import dev.onvoid.webrtc.RTCDataChannelBuffer;
import dev.onvoid.webrtc.RTCDataChannelInit;
import dev.onvoid.webrtc.RTCDataChannelObserver;
import dev.onvoid.webrtc.RTCDataChannelState;
import dev.onvoid.webrtc.RTCIceCandidate;
import dev.onvoid.webrtc.RTCOfferOptions;
import dev.onvoid.webrtc.RTCPeerConnection;
import dev.onvoid.webrtc.RTCPeerConnectionState;
import dev.onvoid.webrtc.RTCSdpType;
import dev.onvoid.webrtc.RTCSessionDescription;
import dev.onvoid.webrtc.SetSessionDescriptionObserver;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One libwebrtc connection with one data channel. The stack answers asynchronously on its own threads;
 * the events go straight to the mesh, which moves them to its thread. Candidates that arrive before
 * the remote description is applied wait here (applying it is asynchronous too).
 */
final class LibWebRtcConnection implements PeerConnection {
  private final RTCPeerConnection pc;
  private final Events events;
  private final Object lock = new Object();
  // Guarded by lock.
  private RTCDataChannel channel;
  private boolean remoteSet;
  private final List<Candidate> pending = new ArrayList<>();
  private boolean closed;

  LibWebRtcConnection(PeerConnectionFactory factory, RTCConfiguration config, Events events) {
    this.events = events;
    this.pc = factory.createPeerConnection(config, new PeerConnectionObserver() {
      @Override
      public void onIceCandidate(RTCIceCandidate c) {
        events.candidate(new Candidate(c.sdp, c.sdpMid, c.sdpMLineIndex));
      }

      @Override
      public void onConnectionChange(RTCPeerConnectionState state) {
        if (state == RTCPeerConnectionState.FAILED) events.ended("connection failed");
      }

      @Override
      public void onDataChannel(RTCDataChannel incoming) {
        attach(incoming);
      }
    });
  }

  @Override
  public void offer(String label) {
    RTCDataChannelInit init = new RTCDataChannelInit();
    init.ordered = true;
    attach(pc.createDataChannel(label, init));
    pc.createOffer(new RTCOfferOptions(), described());
  }

  @Override
  public void answer(String offerSdp) {
    pc.setRemoteDescription(new RTCSessionDescription(RTCSdpType.OFFER, offerSdp), new Applied(() -> {
      remoteApplied();
      pc.createAnswer(new RTCAnswerOptions(), described());
    }));
  }

  @Override
  public void answered(String answerSdp) {
    pc.setRemoteDescription(new RTCSessionDescription(RTCSdpType.ANSWER, answerSdp), new Applied(this::remoteApplied));
  }

  @Override
  public void addCandidate(Candidate c) {
    synchronized (lock) {
      if (closed) return;
      if (!remoteSet) {
        pending.add(c);
        return;
      }
    }
    add(c);
  }

  @Override
  public boolean send(String text) {
    RTCDataChannel c;
    synchronized (lock) {
      c = closed ? null : channel;
    }
    if (c == null || c.getState() != RTCDataChannelState.OPEN) return false;
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    ByteBuffer buffer = ByteBuffer.allocateDirect(bytes.length).put(bytes).flip();
    try {
      c.send(new RTCDataChannelBuffer(buffer, false));
      return true;
    } catch (Exception e) {
      return false; // closing: its state change ends the link
    }
  }

  @Override
  public void close() {
    RTCDataChannel c;
    synchronized (lock) {
      if (closed) return;
      closed = true;
      c = channel;
    }
    if (c != null) {
      c.unregisterObserver();
      c.close();
    }
    pc.close();
  }

  private void attach(RTCDataChannel c) {
    synchronized (lock) {
      if (closed) {
        c.close();
        return;
      }
      channel = c;
    }
    c.registerObserver(new RTCDataChannelObserver() {
      @Override
      public void onBufferedAmountChange(long previousAmount) {}

      @Override
      public void onStateChange() {
        RTCDataChannelState state = c.getState();
        if (state == RTCDataChannelState.OPEN) events.open();
        else if (state == RTCDataChannelState.CLOSED) events.ended("channel closed");
      }

      @Override
      public void onMessage(RTCDataChannelBuffer buffer) {
        if (buffer.binary) return; // the sync channel carries text frames only
        ByteBuffer data = buffer.data;
        byte[] bytes = new byte[data.remaining()];
        data.get(bytes);
        events.message(new String(bytes, StandardCharsets.UTF_8));
      }
    });
    // An answerer's channel may be open by the time it is handed over.
    if (c.getState() == RTCDataChannelState.OPEN) events.open();
  }

  private void remoteApplied() {
    List<Candidate> waiting;
    synchronized (lock) {
      remoteSet = true;
      waiting = new ArrayList<>(pending);
      pending.clear();
    }
    waiting.forEach(this::add);
  }

  private void add(Candidate c) {
    try {
      pc.addIceCandidate(new RTCIceCandidate(c.sdpMid(), c.sdpMLineIndex(), c.candidate()));
    } catch (RuntimeException e) {
      // a candidate the stack cannot use (another family, a stale one): the others may still connect
    }
  }

  private CreateSessionDescriptionObserver described() {
    return new CreateSessionDescriptionObserver() {
      @Override
      public void onSuccess(RTCSessionDescription description) {
        pc.setLocalDescription(description, new Applied(() -> events.localDescription(description.sdp)));
      }

      @Override
      public void onFailure(String error) {
        events.ended("description failed: " + error);
      }
    };
  }

  /** Runs {@code next} once a description is applied; a failure ends the connection. */
  private final class Applied implements SetSessionDescriptionObserver {
    private final Runnable next;

    Applied(Runnable next) {
      this.next = next;
    }

    @Override
    public void onSuccess() {
      next.run();
    }

    @Override
    public void onFailure(String error) {
      events.ended("description not applied: " + error);
    }
  }
}
