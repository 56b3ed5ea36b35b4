package dev.cowatch.protocol;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * Messages a client sends. The JSON form is an object whose {@code type} names the record (see
 * docs/protocol.md). Times are epoch milliseconds on the sender's clock; positions are
 * milliseconds into the media. Required fields are checked on construction, so a decoded message
 * is always complete.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
  @JsonSubTypes.Type(value = ClientMessage.Subtitle.class, name = "subtitle"),
  @JsonSubTypes.Type(value = ClientMessage.Hello.class, name = "hello"),
  @JsonSubTypes.Type(value = ClientMessage.Ping.class, name = "ping"),
  @JsonSubTypes.Type(value = ClientMessage.Play.class, name = "play"),
  @JsonSubTypes.Type(value = ClientMessage.Pause.class, name = "pause"),
  @JsonSubTypes.Type(value = ClientMessage.Seek.class, name = "seek"),
  @JsonSubTypes.Type(value = ClientMessage.SetRate.class, name = "setRate"),
  @JsonSubTypes.Type(value = ClientMessage.SetMedia.class, name = "setMedia"),
  @JsonSubTypes.Type(value = ClientMessage.Buffering.class, name = "buffering"),
  @JsonSubTypes.Type(value = ClientMessage.Ready.class, name = "ready"),
  @JsonSubTypes.Type(value = ClientMessage.NeedsClick.class, name = "needsClick"),
  @JsonSubTypes.Type(value = ClientMessage.Report.class, name = "report"),
  @JsonSubTypes.Type(value = ClientMessage.Bye.class, name = "bye"),
  @JsonSubTypes.Type(value = ClientMessage.Chat.class, name = "chat"),
  @JsonSubTypes.Type(value = ClientMessage.ChatHistory.class, name = "chatHistory"),
  @JsonSubTypes.Type(value = ClientMessage.ChatDelete.class, name = "chatDelete"),
  @JsonSubTypes.Type(value = ClientMessage.React.class, name = "react"),
  @JsonSubTypes.Type(value = ClientMessage.QueueAdd.class, name = "queueAdd"),
  @JsonSubTypes.Type(value = ClientMessage.QueueRemove.class, name = "queueRemove"),
  @JsonSubTypes.Type(value = ClientMessage.QueueMove.class, name = "queueMove"),
  @JsonSubTypes.Type(value = ClientMessage.PlayNext.class, name = "playNext"),
  @JsonSubTypes.Type(value = ClientMessage.Ended.class, name = "ended"),
  @JsonSubTypes.Type(value = ClientMessage.Signal.class, name = "signal"),
  @JsonSubTypes.Type(value = ClientMessage.HandBack.class, name = "handBack"),
  @JsonSubTypes.Type(value = ClientMessage.PeerKey.class, name = "peerKey"),
})
public sealed interface ClientMessage {

  /** Messages that ask the room for something and count against the intent rate limit. */
  sealed interface IntentMessage extends ClientMessage {
    /** Client-chosen correlation id, echoed in an error about this message; may be null. */
    String ref();
  }

  /**
   * First message on a connection. {@code resumeToken} reclaims an earlier member identity;
   * {@code token} is the access token of an account or guest session (none: an anonymous guest).
   */
  record Hello(Integer protocol, String name, String resumeToken, String token) implements ClientMessage {
    public Hello {
      Fields.require(protocol, "protocol");
      Fields.require(name, "name");
    }
  }

  /** Clock sync and heartbeat; {@code t0} is the client's clock when sending. */
  record Ping(Long t0) implements ClientMessage {
    public Ping {
      Fields.require(t0, "t0");
    }
  }

  record Play(Long version, String ref) implements IntentMessage {
    public Play {
      Fields.require(version, "version");
    }
  }

  /** {@code positionMs}: where the sender's player showed the video when paused (optional). */
  record Pause(Long version, Long positionMs, String ref) implements IntentMessage {
    public Pause {
      Fields.require(version, "version");
    }
  }

  record Seek(Long version, Long positionMs, String ref) implements IntentMessage {
    public Seek {
      Fields.require(version, "version");
      Fields.require(positionMs, "positionMs");
    }
  }

  record SetRate(Long version, Double rate, String ref) implements IntentMessage {
    public SetRate {
      Fields.require(version, "version");
      Fields.requireFinite(rate, "rate");
    }
  }

  record SetMedia(Long version, String mediaId, String ref) implements IntentMessage {
    public SetMedia {
      Fields.require(version, "version");
      Fields.require(mediaId, "mediaId");
    }
  }

  /**
   * Chooses the subtitle track the whole room is shown: a track id of the room's media
   * ({@code GET /api/media/{id}/subtitles}), or null (or absent) for none. Counts as an intent for
   * the rate limit; {@code ref} is echoed in an error about it.
   */
  record Subtitle(String track, String ref) implements ClientMessage {}

  record Buffering(Long version, String ref) implements IntentMessage {
    public Buffering {
      Fields.require(version, "version");
    }
  }

  record Ready(Long version, String ref) implements IntentMessage {
    public Ready {
      Fields.require(version, "version");
    }
  }

  /** My browser blocked playback until the person clicks (autoplay rules); {@code ready} follows the click. */
  record NeedsClick(Long version, String ref) implements IntentMessage {
    public NeedsClick {
      Fields.require(version, "version");
    }
  }

  /**
   * The timeline the members played between themselves while the server was away, handed back
   * (docs/protocol.md 3.12, 4.12): {@code version} is the server version they started from.
   */
  record HandBack(Long version, String mediaId, String state, Long anchorPositionMs, Long anchorTimeMs, Double rate,
      String ref) implements IntentMessage {
    public HandBack {
      Fields.require(version, "version");
      Fields.require(mediaId, "mediaId");
      Fields.require(state, "state");
      Fields.require(anchorPositionMs, "anchorPositionMs");
      Fields.require(anchorTimeMs, "anchorTimeMs");
      Fields.requireFinite(rate, "rate");
    }
  }

  /**
   * A chat line; {@code ref} is echoed in an error about it. {@code lineId} (optional) is the client's
   * own name for the line: the room stores a name once per user, so a line sent again is kept once.
   */
  record Chat(String text, String ref, String lineId) implements ClientMessage {
    public Chat {
      Fields.require(text, "text");
    }

    public Chat(String text, String ref) {
      this(text, ref, null);
    }
  }

  /** Asks for the page of chat before message {@code before} (null: the newest page). */
  record ChatHistory(Long before) implements ClientMessage {}

  /** Deletes a chat message: one's own, or anyone's for the owner and moderators. */
  record ChatDelete(Long id, String ref) implements ClientMessage {
    public ChatDelete {
      Fields.require(id, "id");
    }
  }

  /** Messages about the room's queue; they count against the intent rate limit. */
  sealed interface QueueMessage extends ClientMessage {
    String ref();
  }

  /** Adds a video (a URL or {@code media:<id>}) to the end of the queue. */
  record QueueAdd(String mediaId, String title, String ref) implements QueueMessage {
    public QueueAdd {
      Fields.require(mediaId, "mediaId");
    }
  }

  record QueueRemove(String itemId, String ref) implements QueueMessage {
    public QueueRemove {
      Fields.require(itemId, "itemId");
    }
  }

  /** Moves an entry to {@code index} (0 plays next). */
  record QueueMove(String itemId, Integer index, String ref) implements QueueMessage {
    public QueueMove {
      Fields.require(itemId, "itemId");
      Fields.require(index, "index");
    }
  }

  /** Plays the first queued video now. */
  record PlayNext(Long version, String ref) implements QueueMessage {
    public PlayNext {
      Fields.require(version, "version");
    }
  }

  /** The sender's player reached the end of {@code mediaId} at timeline {@code version}. */
  record Ended(Long version, String mediaId, String ref) implements QueueMessage {
    public Ended {
      Fields.require(version, "version");
      Fields.require(mediaId, "mediaId");
    }
  }

  /**
   * An emoji: on a chat line ({@code messageId}; {@code on} false takes it back) or, without one,
   * over the video for everyone to see for a moment.
   */
  record React(String emoji, Long messageId, Boolean on, String ref) implements ClientMessage {
    public React {
      Fields.require(emoji, "emoji");
    }
  }

  /**
   * The sender's sync health: its player's error against the timeline and its RTT, and, optionally, the
   * corrections its player made since its previous report on this connection ({@code nudges}: rate
   * corrections begun, {@code seeks}: seeks back onto the timeline; absent: none, or not counted), and the
   * viewer's sound delay ({@code soundDelayMs}: how much later they hear the film than their picture shows,
   * which their player runs ahead by; absent: none).
   */
  record Report(Double driftMs, Double rttMs, Integer nudges, Integer seeks, Integer soundDelayMs) implements ClientMessage {
    public Report {
      Fields.requireFinite(driftMs, "driftMs");
      Fields.requireFinite(rttMs, "rttMs");
    }

    /** Without a sound delay. */
    public Report(Double driftMs, Double rttMs, Integer nudges, Integer seeks) {
      this(driftMs, rttMs, nudges, seeks, null);
    }

    /** Without corrections. */
    public Report(Double driftMs, Double rttMs) {
      this(driftMs, rttMs, null, null, null);
    }

    /** The sound delay reported, 0 when absent. */
    public int soundDelayMsOrZero() {
      return soundDelayMs == null ? 0 : soundDelayMs;
    }

    /** The nudges reported, 0 when absent. */
    public int nudgesOrZero() {
      return nudges == null ? 0 : nudges;
    }

    /** The seeks reported, 0 when absent. */
    public int seeksOrZero() {
      return seeks == null ? 0 : seeks;
    }
  }

  /** Leaving for good: the member is removed at once, not kept for a reconnect. */
  record Bye() implements ClientMessage {}

  /**
   * Peer-to-peer signaling: relayed as it is to member {@code to} of the same room, as a server
   * {@code signal} from the sender. {@code purpose} says what the connection is for ({@code file}, ...),
   * {@code session} tells one connection from another, {@code kind} is offer, answer, candidate, refuse
   * or hangup, and {@code payload} is opaque to the server ({@link Signals} has the rules and limits).
   */
  record Signal(String to, String session, String purpose, String kind, String payload, String ref)
      implements ClientMessage {
    public Signal {
      Signals.check(to, session, purpose, kind, payload);
    }
  }

  /**
   * Asks for a peer credential (docs/protocol.md 3.13) for this session's public key: base64url
   * SubjectPublicKeyInfo of an ECDSA P-256 key ({@link PeerKeys}). The answer is a server
   * {@code peerCredential}; a key that is not one is {@code invalid_field}.
   */
  record PeerKey(String key) implements ClientMessage {
    public PeerKey {
      Fields.require(key, "key");
      if (PeerKeys.decode(key).isEmpty()) throw new Fields.FieldException("field 'key' must be a P-256 public key, base64url SubjectPublicKeyInfo");
    }
  }
}
