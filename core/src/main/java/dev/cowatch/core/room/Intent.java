package dev.cowatch.core.room;

/**
 * What a member (or its connection) asks of the room. Control intents carry the timeline
 * version their sender saw; the room decides.
 */
public sealed interface Intent {

  /** Intents that change the timeline; subject to the control mode and the conflict rule. */
  sealed interface Control extends Intent {
    long baseVersion();
  }

  /** Reports about a member's own player; never stale, since they describe the present. */
  sealed interface PlayerReport extends Intent {
    long baseVersion();
  }

  /**
   * A new session of {@code userId}. {@code guest}: the identity is a guest (or anonymous), which
   * rooms that do not allow guests refuse. {@code remembered}: whether the room keeps the user on its
   * roster; not an anonymous identity (a client without a token), which can never come back as the
   * same user, so that remembering it would only fill the roster (a soak of 20,000 such joins grew
   * the heap by half a MiB a minute with entries nobody could use).
   */
  record Join(String displayName, UserId userId, boolean guest, boolean remembered, String client) implements Intent {
    /** A user who can come back (an account or a guest with a token): remembered. */
    public Join(String displayName, UserId userId, boolean guest) {
      this(displayName, userId, guest, true);
    }

    /** From one of Cowatch's own apps ({@code client} null; see {@link Member#client()}). */
    public Join(String displayName, UserId userId, boolean guest, boolean remembered) {
      this(displayName, userId, guest, remembered, null);
    }
  }

  record Leave() implements Intent {}

  /** The member's connection was lost (not a goodbye): it keeps its identity for a while. */
  record Disconnect() implements Intent {}

  /** The member came back with its resume token. */
  record Reconnect() implements Intent {}

  record Play(long baseVersion) implements Control {}

  /**
   * @param positionMs the position the sender's player showed when the person pressed pause, or
   *     null to pause where the timeline is now
   */
  record Pause(long baseVersion, Long positionMs) implements Control {}

  record Seek(long baseVersion, long positionMs) implements Control {}

  record SetRate(long baseVersion, double rate) implements Control {}

  record SetMedia(long baseVersion, String mediaId) implements Control {}

  /** Adds a video to the end of the queue; {@code itemId} is the server's name for the entry. */
  record QueueAdd(String itemId, String mediaId, String title) implements Intent {}

  record QueueRemove(String itemId) implements Intent {}

  /** Moves an entry to {@code toIndex} (0 is next; out of range is clamped). */
  record QueueMove(String itemId, int toIndex) implements Intent {}

  /** Plays the first queued video now, from its start. */
  record PlayNext(long baseVersion) implements Intent {}

  /** The sender's player reached the end of {@code mediaId} at timeline version {@code baseVersion}. */
  record Ended(long baseVersion, String mediaId) implements Intent {}

  /**
   * Shows subtitle track {@code trackId} to the whole room, or none when it is null. Not a control
   * intent: it leaves the timeline alone, so it carries no version and the last choice wins.
   *
   * @param trackMediaId the timeline media id ({@code media:<id>}) the track belongs to, found by the
   *     server before it asks the room; null when there is no such track
   */
  record SetSubtitle(String trackId, String trackMediaId) implements Intent {}

  record Buffering(long baseVersion) implements PlayerReport {}

  record Ready(long baseVersion) implements PlayerReport {}

  /** The member's player may not start until the person clicks (the browser's autoplay rules). */
  record NeedsClick(long baseVersion) implements PlayerReport {}

  /**
   * The timeline the members played between themselves while the server was away (docs/protocol.md
   * 3.12), handed back by one of them. Taken only if the room is still at {@code baseVersion}, the
   * version the peers started from, with the same media: then the room adopts the peers' anchor as
   * it is, so nobody jumps. Not a {@link Control}: a stale hand-back is always refused, never "in effect".
   */
  record HandBack(long baseVersion, String mediaId, PlaybackState state, long anchorPositionMs, long anchorTimeMs,
      double rate) implements Intent {}

  /**
   * Periodic health of a member's sync: its player's error against the timeline, its RTT, and the
   * corrections (rate nudges, seeks) its player made since its previous report on this connection, and the
   * viewer's sound delay (core.sync.SoundDelay: how far its player runs ahead so its sound is on the timeline).
   */
  record Report(double driftMs, double rttMs, int nudges, int seeks, int soundDelayMs) implements Intent {
    /** Without a sound delay. */
    public Report(double driftMs, double rttMs, int nudges, int seeks) {
      this(driftMs, rttMs, nudges, seeks, 0);
    }

    /** From a client that does not count corrections (Syncplay's). */
    public Report(double driftMs, double rttMs) {
      this(driftMs, rttMs, 0, 0, 0);
    }
  }
}
