package dev.cowatch.client.peer;

/**
 * One WebRTC connection with one ordered data channel, as the mesh needs it. The adapter
 * ({@code dev.cowatch.client.webrtc}) makes it with libwebrtc; tests use an in-memory pair. {@link Events}
 * may be called on any thread (the WebRTC stack's own): the mesh moves them to its thread before acting,
 * so the stack's threads never wait for the mesh's lock (closing a connection blocks on them).
 */
public interface PeerConnection {
  /** As the offerer: makes the data channel {@code label}, then the offer ({@link Events#localDescription}). */
  void offer(String label);

  /** As the answerer: applies the peer's offer and makes the answer ({@link Events#localDescription}). */
  void answer(String offerSdp);

  /** As the offerer: applies the peer's answer. */
  void answered(String answerSdp);

  /** An ICE candidate of the peer's (the caller holds candidates until the remote description is set). */
  void addCandidate(Candidate candidate);

  /** Sends one text message on the open channel; false when it is not open. */
  boolean send(String text);

  /** Closes the connection; no event follows. */
  void close();

  /** An ICE candidate, as {@code RTCIceCandidate.toJSON()} has it. */
  record Candidate(String candidate, String sdpMid, int sdpMLineIndex) {}

  /** What the connection tells its owner. */
  interface Events {
    /** The offer or answer to send to the peer. */
    void localDescription(String sdp);

    void candidate(Candidate candidate);

    /** The data channel is open (on the answerer: it arrived open). */
    void open();

    void message(String text);

    /** The connection failed or the channel closed. */
    void ended(String why);
  }
}
