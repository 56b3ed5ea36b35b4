package dev.cowatch.client.peer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cowatch.protocol.ServerMessage;
import java.util.ArrayList;
import java.util.List;

/**
 * One connection to another member, set up over the room's signaling (docs/protocol.md 3.11): the
 * payloads are the web app's ({@code web/src/p2p/peerLink.ts}): {@code {"sdp":…}} for offers and answers,
 * {@code RTCIceCandidate.toJSON()} for candidates. Candidates that come before the remote description
 * wait for it. Not thread-safe: the mesh calls it under its lock.
 */
final class PeerLink {
  /** Sends a signal; false when the room's socket could not carry it. */
  interface SignalPort {
    boolean signal(String to, String session, String purpose, String kind, String payload);
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  final String peer;
  final String session;
  private final String purpose;
  private final SignalPort port;
  private final PeerConnection connection;
  private final List<PeerConnection.Candidate> pending = new ArrayList<>();
  private final Runnable failed;
  private boolean remoteSet;
  private boolean ended;

  /** @param failed run when the link cannot go on (a description the socket could not send, a refusal, a bad payload) */
  PeerLink(String peer, String session, String purpose, SignalPort port, PeerConnection connection, Runnable failed) {
    this.peer = peer;
    this.session = session;
    this.purpose = purpose;
    this.port = port;
    this.connection = connection;
    this.failed = failed;
  }

  void offer(String label) {
    connection.offer(label);
  }

  void answer(String offerPayload) {
    String sdp = sdp(offerPayload);
    if (sdp == null) {
      fail();
      return;
    }
    connection.answer(sdp);
    applyPending();
  }

  /** This side's description is ready: it goes to the peer (an offer or an answer). */
  void sendDescription(boolean offer, String sdp) {
    ObjectNode payload = JSON.createObjectNode().put("sdp", sdp);
    // An offer or answer the socket could not carry leaves both sides waiting for ever: fail now, retry soon.
    if (!send(offer ? "offer" : "answer", payload.toString())) fail();
  }

  void sendCandidate(PeerConnection.Candidate c) {
    ObjectNode payload = JSON.createObjectNode().put("candidate", c.candidate()).put("sdpMid", c.sdpMid())
        .put("sdpMLineIndex", c.sdpMLineIndex());
    send("candidate", payload.toString());
  }

  /** A signal of this link's session from its peer (not an offer: those make a link). */
  void handle(ServerMessage.Signal s) {
    switch (s.kind()) {
      case "answer" -> {
        String sdp = sdp(s.payload());
        if (sdp == null) {
          fail();
          return;
        }
        connection.answered(sdp);
        applyPending();
      }
      case "candidate" -> {
        PeerConnection.Candidate c = candidate(s.payload());
        if (c == null) return;
        if (remoteSet) connection.addCandidate(c);
        else pending.add(c);
      }
      case "refuse", "hangup" -> fail();
      default -> { }
    }
  }

  boolean send(String text) {
    return !ended && connection.send(text);
  }

  /** Closes the connection and tells the peer. */
  void close() {
    if (ended) return;
    send("hangup", null);
    end();
  }

  private void fail() {
    if (ended) return;
    end();
    failed.run();
  }

  private void end() {
    ended = true;
    connection.close();
  }

  private void applyPending() {
    remoteSet = true;
    for (PeerConnection.Candidate c : pending) connection.addCandidate(c);
    pending.clear();
  }

  private boolean send(String kind, String payload) {
    try {
      return port.signal(peer, session, purpose, kind, payload);
    } catch (RuntimeException e) {
      return false; // a payload over the signal limit: nothing went out
    }
  }

  private static String sdp(String payload) {
    JsonNode n = parse(payload);
    return n != null && n.path("sdp").isTextual() ? n.path("sdp").asText() : null;
  }

  private static PeerConnection.Candidate candidate(String payload) {
    JsonNode n = parse(payload);
    if (n == null || !n.path("candidate").isTextual()) return null;
    return new PeerConnection.Candidate(n.path("candidate").asText(), n.path("sdpMid").isTextual() ? n.path("sdpMid").asText() : null,
        n.path("sdpMLineIndex").asInt(0));
  }

  private static JsonNode parse(String payload) {
    if (payload == null) return null;
    try {
      JsonNode n = JSON.readTree(payload);
      return n != null && n.isObject() ? n : null;
    } catch (java.io.IOException e) {
      return null;
    }
  }
}
