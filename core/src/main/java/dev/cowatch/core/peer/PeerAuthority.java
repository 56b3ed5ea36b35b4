package dev.cowatch.core.peer;

import dev.cowatch.core.room.Action;
import dev.cowatch.core.room.ControlMode;
import dev.cowatch.core.room.MemberId;
import dev.cowatch.core.room.Permissions;
import dev.cowatch.core.room.Role;
import dev.cowatch.core.room.RoomSettings;
import dev.cowatch.core.room.Timeline;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Who decides for a group of members that lost the server but still reach each other
 * (docs/protocol.md 3.12), and what a member does when it reaches the server again. Pure: every
 * member of a partition computes the same answer from the same inputs, so there is one acting
 * authority per partition. The web app's twin is {@code web/src/p2p/peerAuthority.ts}; the shared
 * vectors {@code core/src/test/resources/sync/peer-authority-vectors.json} hold both to it.
 */
public final class PeerAuthority {
  /** How long each place in the authority order waits before handing back in place of the ones before it. */
  public static final long HAND_BACK_STEP_MS = 2_000;

  private PeerAuthority() {}

  /** A member of the partition as every peer knows it: its id and its role in the room. */
  public record Peer(MemberId id, Role role) {}

  /** Highest role first; equal roles by the smallest member id (ids are unique, so the order is total). */
  static final Comparator<Peer> SENIORITY =
      Comparator.comparing(Peer::role).thenComparing(p -> p.id().value());

  /**
   * The members that may act for the partition, in the order they would: those whose role may
   * control playback in this control mode, most senior first. The first is the acting authority.
   */
  public static List<Peer> order(List<Peer> partition, ControlMode mode) {
    return partition.stream()
        .filter(p -> mayControl(p.role(), mode))
        .distinct()
        .sorted(SENIORITY)
        .toList();
  }

  /** Whether {@code role} may control playback in a room of this control mode (the acting authority's check too). */
  public static boolean mayControl(Role role, ControlMode mode) {
    return Permissions.allows(role, Action.CONTROL_PLAYBACK, RoomSettings.defaults("peers", 0).withControlMode(mode));
  }

  /**
   * Why a member does not play a peer's timeline (docs/protocol.md 3.13), empty when it may: the
   * member that signed it (its decider, or for {@code by} "" the member telling the server's own last
   * timeline) must be allowed to control playback by the same rule as on the server; the server's own
   * timeline has the version it grew from; and on the same base the media is the one the partition
   * started with, as the media cannot change without the server. Whether it is newer is
   * {@link PeerMode#newer}'s.
   *
   * @param signer the role in the signer's credential, not one a frame claims
   * @param current the peer timeline played now (null: none), grown from {@code currentBase}
   */
  public static Optional<String> timelineRefusal(Role signer, ControlMode mode, Timeline t, long base, String by,
      Timeline current, long currentBase) {
    if (!mayControl(signer, mode)) return Optional.of("the signer may not control playback");
    if (by.isEmpty() && t.version() != base) return Optional.of("the server's own timeline has the version it grew from");
    if (current != null && base == currentBase && !Objects.equals(t.mediaId(), current.mediaId())) {
      return Optional.of("the media cannot change without the server");
    }
    return Optional.empty();
  }

  /** The acting authority of the partition, empty when nobody in it may control playback. */
  public static Optional<MemberId> actingAuthority(List<Peer> partition, ControlMode mode) {
    return order(partition, mode).stream().findFirst().map(Peer::id);
  }

  /** What a member that played on peer timelines does once it has joined the server again. */
  public sealed interface Return {
    /** The room moved on the server meanwhile: apply the server's timeline as it is, leave peer mode. */
    record FollowServer() implements Return {}

    /** Send {@code handBack} after {@code afterMs} unless a server timeline newer than the base came first. */
    record HandBack(long afterMs) implements Return {}

    /** Keep playing the peer timeline until a server timeline newer than the base arrives. */
    record Wait() implements Return {}
  }

  /**
   * @param baseVersion the server version the partition started from
   * @param serverVersion the version of the timeline in the server's {@code joined}
   * @param place this member's index in {@link #order} of the partition it was in; -1 when it may not control
   */
  public static Return onServerBack(long baseVersion, long serverVersion, int place) {
    if (serverVersion != baseVersion) return new Return.FollowServer();
    if (place < 0) return new Return.Wait();
    return new Return.HandBack(place * HAND_BACK_STEP_MS);
  }
}
