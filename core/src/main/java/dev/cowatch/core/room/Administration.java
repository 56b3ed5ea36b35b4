package dev.cowatch.core.room;

import dev.cowatch.core.room.RoomEvent.LeaveReason;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Roles, kicks, bans, ownership and settings: decided by the permission table. */
final class Administration {
  private final Membership membership;

  Administration(Membership membership) {
    this.membership = membership;
  }

  Decision decide(Room room, UserId actor, AdminIntent intent, long nowMs) {
    if (intent instanceof AdminIntent.Admit admit) return admit(room, actor, admit, nowMs);
    Optional<RosterEntry> me = room.roster().entry(actor);
    if (me.isEmpty() || room.roster().isBanned(actor)) {
      return Decision.rejected(room, ErrorCode.NOT_A_MEMBER, "you hold no role in this room");
    }
    Role role = me.get().role();
    return switch (intent) {
      case AdminIntent.Admit a -> throw new AssertionError("handled above");
      case AdminIntent.ChangeSettings c -> changeSettings(room, role, c.settings());
      case AdminIntent.ChangeRole c -> changeRole(room, actor, role, c, nowMs);
      case AdminIntent.Kick k -> kick(room, actor, role, k.target(), nowMs);
      case AdminIntent.Ban b -> ban(room, actor, role, b.target(), nowMs);
      case AdminIntent.Unban u -> unban(room, role, u.target());
      case AdminIntent.TransferOwnership t -> transfer(room, actor, role, t.target());
    };
  }

  private Decision admit(Room room, UserId user, AdminIntent.Admit admit, long nowMs) {
    String name = admit.displayName() == null ? "" : admit.displayName().strip();
    if (!Membership.validName(name)) {
      return Decision.rejected(room, ErrorCode.INVALID_ARGUMENT, "display name must be 1-" + Member.MAX_NAME_LENGTH
          + " printable characters");
    }
    if (room.roster().isBanned(user)) return refused(room, ErrorCode.BANNED);
    if (room.roster().entry(user).isEmpty()) {
      Optional<ErrorCode> refusal = Admission.newcomerRefusal(room.settings(), admit.guest(), admit.by());
      if (refusal.isPresent()) return refused(room, refusal.get());
      if (room.roster().entries().size() >= Roster.MAX_ENTRIES) {
        return Decision.rejected(room, ErrorCode.ROOM_FULL, "this room remembers as many people as it can");
      }
    }
    Room r = Membership.remember(room, user, name, admit.guest(), nowMs);
    return r == room ? Decision.unchanged(room) : Decision.accepted(r, List.of(new RoomEvent.RosterChanged(r.roster())));
  }

  private Decision changeSettings(Room room, Role role, RoomSettings settings) {
    if (!Permissions.allows(role, Action.CHANGE_SETTINGS, room.settings())) return notAllowed(room, "change settings");
    if (settings.equals(room.settings())) return Decision.unchanged(room);
    return Decision.accepted(room.withSettings(settings), List.of(new RoomEvent.SettingsChanged(settings)));
  }

  private Decision changeRole(Room room, UserId actor, Role role, AdminIntent.ChangeRole c, long nowMs) {
    if (c.role() == null || c.role() == Role.OWNER) {
      return Decision.rejected(room, ErrorCode.INVALID_ARGUMENT, "role must be moderator, member or guest; "
          + "ownership is transferred, not assigned");
    }
    // Someone here but not remembered (an anonymous session, or a newcomer to a full roster) is put on
    // the roster with the role given: that is where roles live.
    Optional<RosterEntry> target = room.roster().entry(c.target()).or(() -> room.sessionsOf(c.target()).stream()
        .findFirst().map(m -> new RosterEntry(m.role(), m.displayName(), m.role() == Role.GUEST, nowMs)));
    if (target.isEmpty()) return unknown(room, c.target());
    if (actor.equals(c.target())) return Decision.rejected(room, ErrorCode.NOT_ALLOWED, "you cannot change your own role");
    if (!Permissions.allowsOn(role, Action.CHANGE_ROLES, target.get().role(), room.settings())) {
      return notAllowed(room, "change this member's role");
    }
    if (target.get().role() == c.role()) return Decision.unchanged(room);
    return withRoster(room, room.roster().with(c.target(), target.get().withRole(c.role())),
        Map.of(c.target(), c.role()));
  }

  private Decision kick(Room room, UserId actor, Role role, UserId target, long nowMs) {
    Optional<Role> targetRole = presentRole(room, target);
    if (targetRole.isEmpty()) return unknown(room, target);
    if (actor.equals(target)) return Decision.rejected(room, ErrorCode.NOT_ALLOWED, "you cannot kick yourself");
    if (!Permissions.allowsOn(role, Action.KICK, targetRole.get(), room.settings())) return notAllowed(room, "kick them");
    // A kicked user loses their place: in a private room they need a new invite to come back.
    Roster roster = room.roster().without(target);
    return membership.removeUser(room.withRoster(roster), target, LeaveReason.KICKED,
        List.of(new RoomEvent.RosterChanged(roster)), nowMs);
  }

  private Decision ban(Room room, UserId actor, Role role, UserId target, long nowMs) {
    if (actor.equals(target)) return Decision.rejected(room, ErrorCode.NOT_ALLOWED, "you cannot ban yourself");
    if (room.roster().isBanned(target)) return Decision.unchanged(room);
    // Banning someone not (or no longer) in the room is allowed: it keeps them out in future.
    Role targetRole = presentRole(room, target).orElse(Role.GUEST);
    if (!Permissions.allowsOn(role, Action.BAN, targetRole, room.settings())) return notAllowed(room, "ban them");
    Roster roster = room.roster().banning(target);
    return membership.removeUser(room.withRoster(roster), target, LeaveReason.BANNED,
        List.of(new RoomEvent.RosterChanged(roster)), nowMs);
  }

  private Decision unban(Room room, Role role, UserId target) {
    if (!Permissions.allows(role, Action.BAN, room.settings())) return notAllowed(room, "lift bans");
    if (!room.roster().isBanned(target)) return Decision.unchanged(room);
    Roster roster = room.roster().unbanning(target);
    return Decision.accepted(room.withRoster(roster), List.of(new RoomEvent.RosterChanged(roster)));
  }

  private Decision transfer(Room room, UserId actor, Role role, UserId target) {
    if (!Permissions.allows(role, Action.TRANSFER_OWNERSHIP, room.settings())) {
      return notAllowed(room, "transfer ownership");
    }
    Optional<RosterEntry> heir = room.roster().entry(target);
    if (heir.isEmpty()) return unknown(room, target);
    if (actor.equals(target)) return Decision.unchanged(room);
    RosterEntry old = room.roster().entry(actor).orElseThrow();
    // Both changes at once: the roster never has two owners or none.
    var entries = new LinkedHashMap<>(room.roster().entries());
    entries.put(actor, old.withRole(Role.MODERATOR));
    entries.put(target, heir.get().withRole(Role.OWNER));
    return withRoster(room, new Roster(entries, room.roster().banned()),
        Map.of(actor, Role.MODERATOR, target, Role.OWNER));
  }

  /** The roster changed and these users' live sessions take on their new roles. */
  private static Decision withRoster(Room room, Roster roster, Map<UserId, Role> newRoles) {
    Room r = room.withRoster(roster);
    List<RoomEvent> events = new ArrayList<>();
    events.add(new RoomEvent.RosterChanged(roster));
    for (Member m : r.members()) {
      Role newRole = newRoles.get(m.userId());
      if (newRole == null) continue;
      Member changed = m.withRole(newRole);
      r = r.updateMember(m.id(), x -> changed);
      events.add(new RoomEvent.MemberChanged(changed));
    }
    return Decision.accepted(r, events);
  }

  /** The role of a user on the roster or, failing that, connected (a newcomer beyond the roster's cap). */
  private static Optional<Role> presentRole(Room room, UserId user) {
    Optional<Role> onRoster = room.roster().entry(user).map(RosterEntry::role);
    if (onRoster.isPresent()) return onRoster;
    return room.sessionsOf(user).stream().map(Member::role).findFirst();
  }

  private static Decision refused(Room room, ErrorCode code) {
    return Decision.rejected(room, code, Admission.explain(code));
  }

  private static Decision notAllowed(Room room, String what) {
    return Decision.rejected(room, ErrorCode.NOT_ALLOWED, "your role in this room does not let you " + what);
  }

  private static Decision unknown(Room room, UserId target) {
    return Decision.rejected(room, ErrorCode.UNKNOWN_USER, "user " + target + " holds no role in this room");
  }
}
