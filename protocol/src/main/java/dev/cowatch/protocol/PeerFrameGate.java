package dev.cowatch.protocol;

import static dev.cowatch.protocol.SyncFrameJson.MAPPER;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.security.PublicKey;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a member takes from its peers (docs/protocol.md 3.13): a frame counts only inside a
 * {@code signed} envelope whose credential the room's server signed, for this room, not yet expired,
 * whose signature is the credential key's, whose sequence number is new, and which speaks for its
 * signer: direct frames (ping, pong, hello, intent, refused) come from the signer's own channel, a chat
 * line is the signer's (its name is the credential's, whatever the frame said, as is a hello's role), a timeline is decided
 * by the signer or is the server's own last one. Whether the signer may change the timeline is core's
 * {@code PeerAuthority.mayTell}, asked by the caller with {@link Accepted#signer()}'s role. The web app's
 * twin is {@code web/src/p2p/peerFrameGate.ts}; the shared vectors
 * {@code protocol/src/test/resources/p2p/peer-credential-vectors.json} run on both. Not thread-safe:
 * the peer code's lock.
 */
public final class PeerFrameGate {
  /** Signers remembered at once (a mesh has at most {@link SyncFrame#MAX_MESH} members, each a few sessions). */
  static final int MAX_SIGNERS = 256;

  private final PublicKey server;
  private final String room;
  private final Map<String, ReplayWindow> windows = new HashMap<>();
  private final Map<String, PeerCredential> expiries = new HashMap<>();
  /** Credential texts that checked out, by signature and text: every frame carries one, one check is enough. */
  private final Map<String, PeerCredential> checked = new HashMap<>();

  /**
   * @param server the server's credential key (from {@code peerCredential}'s {@code serverKey})
   * @param room the room this member is in
   */
  public PeerFrameGate(PublicKey server, String room) {
    this.server = Objects.requireNonNull(server, "server");
    this.room = Objects.requireNonNull(room, "room");
  }

  /** What became of a text from a peer. */
  public sealed interface Opened {}

  /**
   * A frame to act on: {@code frame} as its signer vouches for it (a chat line with the credential's name),
   * {@code envelope} the text as it came, to pass on unchanged (a relayed line, a timeline told again).
   */
  public record Accepted(SyncFrame frame, PeerCredential signer, String envelope) implements Opened {}

  /** Dropped, and why (for the trace). */
  public record Refused(String why) implements Opened {}

  /**
   * @param from the member at the other end of the channel (the server named it in the signals that set it up)
   * @param text what came over the channel
   * @param nowMs this member's estimate of server time
   */
  public Opened open(String from, String text, long nowMs) {
    if (text == null || text.length() > SyncFrame.MAX_FRAME_CHARS) return new Refused("too long");
    JsonNode o;
    try {
      o = MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      return new Refused("not JSON");
    }
    if (o == null || !o.isObject() || !"signed".equals(SyncFrameJson.text(o.get("t")))) return new Refused("not signed");
    String credentialText = SyncFrameJson.text(o.get("credential"));
    String cs = SyncFrameJson.text(o.get("cs"));
    Long seq = SyncFrameJson.count(o.get("seq"));
    String frameText = SyncFrameJson.text(o.get("frame"));
    String sig = SyncFrameJson.text(o.get("sig"));
    if (credentialText == null || cs == null || seq == null || frameText == null || sig == null) {
      return new Refused("a field is missing");
    }
    if (seq < 1) return new Refused("sequence numbers start at 1");
    PeerCredential c = credential(credentialText, cs);
    if (c == null) return new Refused("the credential is not the server's");
    if (!c.room().equals(room)) return new Refused("the credential is for another room");
    if (nowMs >= c.expiresAtMs()) return new Refused("the credential expired");
    PublicKey key = PeerKeys.decode(c.key()).orElseThrow(); // read() checked it
    if (!PeerKeys.verify(key, PeerFrameSeal.signed(seq, frameText), sig)) return new Refused("the signature is not the member's");
    Optional<SyncFrame> decoded = SyncFrames.decode(frameText);
    if (decoded.isEmpty()) return new Refused("not a frame");
    SyncFrame frame = decoded.get();
    String speaksFor = speaksFor(from, c.memberId(), frame);
    if (speaksFor != null) return new Refused(speaksFor);
    ReplayWindow window = window(c, nowMs);
    if (window == null) return new Refused("too many signers");
    if (!window.take(seq)) return new Refused("sequence number " + seq + " seen before");
    // Who the signer is, the server says: the name of its lines and the role it has are the credential's.
    if (frame instanceof SyncFrame.Chat line) {
      frame = new SyncFrame.Chat(line.lineId(), line.memberId(), c.name(), line.text(), line.atMs());
    } else if (frame instanceof SyncFrame.Hello h) {
      frame = new SyncFrame.Hello(h.memberId(), c.role(), h.serverVersion(), h.lost());
    }
    return new Accepted(frame, c, text);
  }

  /** Null when {@code frame}, signed by {@code signer} and come from {@code from}, speaks only for its signer; else why not. */
  static String speaksFor(String from, String signer, SyncFrame frame) {
    return switch (frame) {
      case SyncFrame.Chat line -> line.memberId().equals(signer) ? null : "a chat line in another member's name";
      case SyncFrame.TimelineFrame t -> t.by().isEmpty() || t.by().equals(signer) ? null
          : "a timeline decided by another member";
      case SyncFrame.Hello h -> h.memberId().equals(signer) && signer.equals(from) ? null : "a hello for another member";
      default -> signer.equals(from) ? null : "a frame from another member's channel";
    };
  }

  private PeerCredential credential(String text, String cs) {
    String both = cs + "\n" + text;
    PeerCredential known = checked.get(both);
    if (known != null) return known;
    PeerCredential c = PeerCredential.verified(text, cs, server).orElse(null);
    if (c != null) {
      if (checked.size() >= MAX_SIGNERS) checked.clear(); // a cache: the next frame is checked again
      checked.put(both, c);
    }
    return c;
  }

  private ReplayWindow window(PeerCredential c, long nowMs) {
    ReplayWindow w = windows.get(c.key());
    if (w != null) return w;
    if (windows.size() >= MAX_SIGNERS) {
      // Only signers whose credentials expired are forgotten: their frames are refused anyway.
      expiries.values().removeIf(e -> nowMs >= e.expiresAtMs() && windows.remove(e.key()) != null);
      if (windows.size() >= MAX_SIGNERS) return null;
    }
    w = new ReplayWindow();
    windows.put(c.key(), w);
    expiries.put(c.key(), c);
    return w;
  }
}
