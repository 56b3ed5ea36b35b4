package dev.cowatch.core.peer;

import dev.cowatch.core.room.Action;
import dev.cowatch.core.room.ControlMode;
import dev.cowatch.core.room.MemberId;
import dev.cowatch.core.room.Permissions;
import dev.cowatch.core.room.Role;
import dev.cowatch.core.room.RoomSettings;
import java.util.Comparator;
import java.util.List;
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
