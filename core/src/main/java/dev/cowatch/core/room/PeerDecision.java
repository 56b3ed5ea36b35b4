package dev.cowatch.core.room;

/** What the acting authority does with a peer's intent ({@link PeerDecider}). */
public sealed interface PeerDecision {
  /** The new peer timeline (one version up), to be played and sent to every peer. */
  record Changed(Timeline timeline) implements PeerDecision {}

  /** Accepted, already in effect: nothing to send. */
  record Unchanged() implements PeerDecision {}

  /** Refused with the code the server would have given (or {@link ErrorCode#INVALID_ARGUMENT} for a media change). */
  record Refused(ErrorCode code, String message) implements PeerDecision {}
}
