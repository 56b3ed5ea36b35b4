package dev.cowatch.protocol;

import static dev.cowatch.protocol.SyncFrameJson.MAPPER;

import java.security.PrivateKey;
import java.util.Objects;

/**
 * Signs this member's frames for its peers (docs/protocol.md 3.13): each frame goes out as a
 * {@code signed} envelope with the member's credential (as the server signed it), a sequence number
 * one higher than the last, and the member's signature over both. One seal per client session and
 * key pair. Not thread-safe: the peer code's lock.
 */
public final class PeerFrameSeal {
  /** What a member's signature is over: this prefix, the sequence number, a line end, the frame's text. */
  static final String SIGNED_PREFIX = "cowatch peer frame v1\n";

  private final PrivateKey key;
  private String credential;
  private String serverSignature;
  private long seq;

  /**
   * @param key the member's private key, whose public half is in the credential
   * @param credential the credential's text as the server sent it
   * @param serverSignature the server's signature of it
   */
  public PeerFrameSeal(PrivateKey key, String credential, String serverSignature) {
    this.key = Objects.requireNonNull(key, "key");
    this.credential = Objects.requireNonNull(credential, "credential");
    this.serverSignature = Objects.requireNonNull(serverSignature, "serverSignature");
  }

  /**
   * A renewed credential for the same key (a later expiry, a new role): the sequence numbers go on, as
   * peers keep one window per key.
   */
  public void renew(String credential, String serverSignature) {
    this.credential = Objects.requireNonNull(credential, "credential");
    this.serverSignature = Objects.requireNonNull(serverSignature, "serverSignature");
  }

  /** The signed envelope of {@code frame}, the text to put on the channel. */
  public String seal(SyncFrame frame) {
    return envelope(SyncFrames.encode(frame), ++seq);
  }

  String envelope(String frameText, long n) {
    return MAPPER.createObjectNode().put("t", "signed").put("credential", credential).put("cs", serverSignature)
        .put("seq", n).put("frame", frameText).put("sig", PeerKeys.sign(key, signed(n, frameText))).toString();
  }

  static String signed(long seq, String frameText) {
    return SIGNED_PREFIX + seq + "\n" + frameText;
  }
}
