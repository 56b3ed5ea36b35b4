package dev.cowatch.core.room;

import dev.cowatch.core.Tolerances;

/**
 * The acting authority's decisions on its peers' intents while the server is away (docs/protocol.md
 * 3.12): the room's own rules for play, pause, seek and rate (section 8, {@link ControlRules}, shared
 * with {@link RoomDecider}), on peer versions. The web app's twin is {@code web/src/p2p/peerDecider.ts};
 * the shared vectors {@code core/src/test/resources/sync/peer-decider-vectors.json} run on both and on
 * {@link RoomDecider}. Buffering does not hold a peer room (nobody would time the wait out) and the
 * media cannot change without the server. Permissions are the caller's to check. Pure: no clock.
 */
public final class PeerDecider {
  private PeerDecider() {}

  /**
   * @param t the peer timeline played now
   * @param roundTripMs the peers' largest round trip (the server uses its members' reports), clamped to
   *     a lead as the server clamps it
   */
  public static PeerDecision decide(Timeline t, Intent.Control intent, long nowMs, double roundTripMs, Tolerances tol) {
    if (intent instanceof Intent.SetMedia) {
      return new PeerDecision.Refused(ErrorCode.INVALID_ARGUMENT, "the media cannot change without the server");
    }
    switch (ControlRules.check(intent, t)) {
      case ControlRules.Check.Refuse refuse -> {
        return new PeerDecision.Refused(refuse.code(), refuse.message());
      }
      case ControlRules.Check.InEffect inEffect -> {
        return new PeerDecision.Unchanged();
      }
      case ControlRules.Check.Proceed proceed -> { }
    }
    Timeline next = switch (intent) {
      case Intent.Play play -> t.playingFrom(t.anchorPositionMs(), nowMs + ControlRules.lead(roundTripMs, false, tol));
      case Intent.Pause pause -> t.paused(ControlRules.pausePosition(t, pause, nowMs, tol), nowMs);
      case Intent.Seek seek -> t.state() == PlaybackState.PLAYING
          ? t.playingFrom(seek.positionMs(), nowMs + ControlRules.lead(roundTripMs, true, tol))
          : t.movedTo(seek.positionMs(), nowMs);
      case Intent.SetRate rate -> t.withRate(rate.rate(), nowMs);
      case Intent.SetMedia media -> throw new AssertionError("refused above");
    };
    return new PeerDecision.Changed(next);
  }
}
