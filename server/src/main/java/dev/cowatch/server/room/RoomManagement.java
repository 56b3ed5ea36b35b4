package dev.cowatch.server.room;

import dev.cowatch.core.room.Action;
import dev.cowatch.core.room.AdminIntent;
import dev.cowatch.core.room.Admission;
import dev.cowatch.core.room.Decision;
import dev.cowatch.core.room.ErrorCode;
import dev.cowatch.core.room.Member;
import dev.cowatch.core.room.Role;
import dev.cowatch.core.room.Room;
import dev.cowatch.core.room.RoomId;
import dev.cowatch.core.room.RoomSettings;
import dev.cowatch.core.room.RosterEntry;
import dev.cowatch.core.room.UserId;
import dev.cowatch.server.account.Attempts;
import dev.cowatch.server.account.Identity;
import dev.cowatch.server.audit.AuditAction;
import dev.cowatch.server.audit.AuditEntry;
import dev.cowatch.server.audit.AuditLog;
import dev.cowatch.server.platform.Ids;
import dev.cowatch.server.platform.Refusal;
import dev.cowatch.server.room.access.InviteRepository;
import dev.cowatch.server.room.access.InviteTokens;
import dev.cowatch.server.room.access.PasswordGuesses;
import dev.cowatch.server.room.access.RoomPasswords;
import dev.cowatch.server.room.decisions.RoomRefusals;
import dev.cowatch.server.room.live.RoomRepository;
import dev.cowatch.server.room.media.MediaPlacement;
import dev.cowatch.server.room.members.SyncFigures;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * What the REST API does with rooms: creating them, their settings, who may enter, roles,
 * kicks, bans, ownership and invites. Every decision about people goes through the room's
 * permission table (in the core); this class adds passwords, invites, storage and the audit log.
 */
public final class RoomManagement {
  public static final int MAX_LIST = 100;
  /** Rooms one user may own; far above any real use, low enough that a script cannot fill the disk. */
  public static final int MAX_ROOMS_PER_OWNER = 200;

  private final RoomService rooms;
  /** Stored rooms, for what needs no live room: counts, directory, password hashes. */
  private final RoomRepository repository;
  private final RoomInvites invites;
  private final RoomPasswords passwords;
  private final AuditLog audit;
  /** Rooms made per client address: a script must not fill the server (MAX_ROOMS_PER_OWNER stops one account). */
  private final Attempts creationsPerAddress;
  private final Ids ids;
  /** Who may put a library item into a room (the media module's shares). */
  private final MediaPlacement media;

  /** Tries at room passwords: counted before each hash. */
  private final PasswordGuesses guesses;

  public RoomManagement(RoomService rooms, RoomRepository repository, InviteRepository invites, InviteTokens tokens,
      RoomPasswords passwords,
      AuditLog audit, Clock clock, Ids ids, Attempts creationsPerAddress, PasswordGuesses guesses,
      MediaPlacement media) {
    this.media = media;
    this.creationsPerAddress = creationsPerAddress;
    this.guesses = guesses;
    this.ids = ids;
    this.rooms = rooms;
    this.repository = repository;
    this.invites = new RoomInvites(invites, tokens, this::room, this::audit, clock, ids);
    this.passwords = passwords;
    this.audit = audit;
  }

  public record MemberInfo(UserId userId, String displayName, Role role, boolean guest, boolean online, long sinceMs) {}

  public record Members(List<MemberInfo> members, List<UserId> banned) {}



  public record Listed(RoomRepository.RoomSummary room, int online) {}

  public Room create(Identity who, RoomSettings settings, String password, String mediaId, String address) {
    String from = address == null || address.isBlank() ? "-" : address;
    creationsPerAddress.blockedFor(from).ifPresent(wait -> {
      throw new Refusal(Refusal.Kind.TOO_MANY, "too-many-rooms-created", "this address has created as many rooms as it"
          + " may for now: try again in " + Math.max(1, wait.toSeconds()) + " s", wait);
    });
    if (repository.countOwnedBy(who.userId()) >= MAX_ROOMS_PER_OWNER) {
      throw new Refusal(Refusal.Kind.CONFLICT, "too-many-rooms", "you own " + MAX_ROOMS_PER_OWNER
          + " rooms, the most one person may: delete some first");
    }
    media.check(who.userId(), mediaId);
    String hash = null;
    if (password != null) {
      RoomPasswords.validate(password);
      hash = passwords.hash(password);
    }
    RoomSettings s = settings.withAccess(settings.visibility(), hash != null, settings.guestsAllowed());
    Room room = rooms.create(s, who, mediaId, hash).orElseThrow(() -> new Refusal(Refusal.Kind.CAPACITY,
        "room-capacity", "this server holds as many rooms as it may"));
    // The owner (or a friend it is shared with) put the item here: the new room may watch it.
    media.place(who.userId(), mediaId, room.id());
    creationsPerAddress.record(from); // only rooms made count: a refused attempt costs the server little
    audit(AuditAction.ROOM_CREATED, who, room.id(), Map.of("visibility", s.visibility().name()), address);
    return room;
  }

  /**
   * Shares a library item with a room the caller made it for (a showing's later episodes): refused unless the
   * caller may place it there ({@link MediaPlacement}).
   */
  public void placeMedia(Identity who, RoomId room, String mediaId) {
    media.place(who.userId(), mediaId, room);
  }

  /** How long a room waits for buffering members by default (new rooms' settings). */
  public long bufferWaitTimeoutMs() {
    return rooms.tolerances().bufferWaitTimeoutMs();
  }

  public Room room(RoomId id) {
    return rooms.find(id).orElseThrow(() -> RoomRefusals.roomNotFound(id.value()));
  }

  /** What the caller may do in the room (see {@link RoomAccess}). */
  public RoomAccess accessOf(Room room, Optional<Identity> who) {
    return RoomAccess.of(room, who);
  }

  /** What the caller sees of the room: {@link RoomSight}, the one table for strangers (docs/api.md). */
  public RoomSight sightOf(Room room, Optional<Identity> who) {
    return RoomSight.of(room, who, accessOf(room, who));
  }

  /**
   * Changes settings; {@code password}: absent leaves it, an empty optional clears it, a value
   * sets it.
   */
  public Room changeSettings(Identity who, RoomId id, UnaryOperator<RoomSettings> change,
      Optional<Optional<String>> password, String address) {
    Room room = room(id);
    RoomSettings next = change.apply(room.settings());
    Optional<String> hashChange = Optional.empty();
    boolean protectedNext = room.settings().passwordProtected();
    if (password.isPresent()) {
      Optional<String> newPassword = password.get();
      newPassword.ifPresent(RoomPasswords::validate);
      hashChange = Optional.of(newPassword.map(passwords::hash).orElse(""));
      protectedNext = newPassword.isPresent();
    }
    next = next.withAccess(next.visibility(), protectedNext, next.guestsAllowed());
    Decision d = decide(id, who.userId(), new AdminIntent.ChangeSettings(next), hashChange);
    Map<String, String> changed = diff(room.settings(), d.room().settings());
    if (password.isPresent()) changed.put("password", password.get().isPresent() ? "set" : "cleared");
    if (!changed.isEmpty()) audit(AuditAction.ROOM_SETTINGS_CHANGED, who, id, changed, address);
    return d.room();
  }

  public void delete(Identity who, RoomId id, String address) {
    Room room = room(id);
    if (!RoomAccess.allows(room, who, Action.DELETE_ROOM)) {
      throw RoomRefusals.forbidden("only the owner deletes a room");
    }
    rooms.delete(id);
    audit(AuditAction.ROOM_DELETED, who, id, Map.of("name", room.settings().name()), address);
  }

  /**
   * Lets the caller in with the room's password or an invite token; returns their role. A password try
   * is counted per {@code address} (the client's, {@code ctx.ip()}), identity and room before it is
   * hashed ({@link PasswordGuesses}): past the limits, 429 with Retry-After.
   */
  public Role enter(Identity who, RoomId id, String password, String inviteToken, String address) {
    Room room = room(id);
    Optional<RosterEntry> already = room.roster().entry(who.userId());
    if (already.isPresent() && !room.roster().isBanned(who.userId())) return already.get().role();
    if (inviteToken != null) return enterByInvite(who, room, inviteToken);
    if (password != null) {
      // Refused before the try is counted or hashed: a ban, the guest rule, and a private room, which no
      // password opens.
      Optional<ErrorCode> refusal = Admission.passwordTryRefusal(room, who.userId(), who.isGuest());
      if (refusal.isPresent()) throw RoomRefusals.of(refusal.get(), Admission.explain(refusal.get()));
      guesses.take(id, who, address);
      String hash = repository.passwordHash(id).orElse(null);
      if (hash == null || !passwords.matches(password, hash)) {
        guesses.wrong(id);
        throw new Refusal(Refusal.Kind.FORBIDDEN, "wrong-password", "that is not this room's password");
      }
      return admit(who, id, Admission.Vouch.PASSWORD);
    }
    Optional<ErrorCode> refusal = Admission.refusal(room, who.userId(), who.isGuest());
    if (refusal.isPresent()) throw RoomRefusals.of(refusal.get(), "you may not enter");
    return admit(who, id);
  }

  /**
   * Refuses, before anything is made for a password try (a Syncplay client's guest), when {@code address}
   * or the room has no tries left; {@link #enter} counts the try itself.
   */
  public void checkPasswordTries(RoomId id, String address) {
    guesses.checkAddress(id, address);
  }

  /**
   * Lets in someone a showing invited (its own list stands in for an invite link); a ban still
   * keeps them out.
   */
  public Role admitInvited(Identity who, RoomId id) {
    Room room = room(id);
    if (room.roster().isBanned(who.userId())) throw RoomRefusals.of(ErrorCode.BANNED, "you are banned from this room");
    Optional<RosterEntry> already = room.roster().entry(who.userId());
    return already.isPresent() ? already.get().role() : admit(who, id);
  }

  private Role enterByInvite(Identity who, Room room, String token) {
    String inviteId = invites.spend(token, room.id());
    try {
      return admit(who, room.id());
    } catch (RuntimeException e) {
      // The invite paid for an admission that did not happen: the use is given back.
      invites.giveBack(inviteId);
      throw e;
    }
  }

  private Role admit(Identity who, RoomId id) {
    return admit(who, id, Admission.Vouch.INVITE);
  }

  private Role admit(Identity who, RoomId id, Admission.Vouch by) {
    Decision d = decide(id, who.userId(), new AdminIntent.Admit(who.displayName(), who.isGuest(), by), Optional.empty());
    return d.room().roster().entry(who.userId()).map(RosterEntry::role).orElseThrow();
  }

  public Members members(Identity who, RoomId id) {
    Room room = room(id);
    if (RoomAccess.roleOf(room, who).isEmpty()) {
      throw RoomRefusals.forbidden("only people with a role in the room see its members");
    }
    Set<UserId> online = room.members().stream().filter(Member::isConnected).map(Member::userId)
        .collect(Collectors.toSet());
    List<MemberInfo> list = room.roster().entries().entrySet().stream()
        .map(e -> new MemberInfo(e.getKey(), e.getValue().displayName(), e.getValue().role(), e.getValue().guest(),
            online.contains(e.getKey()), e.getValue().sinceMs()))
        .sorted(java.util.Comparator.comparing((MemberInfo m) -> m.role().ordinal()).thenComparing(m -> !m.online())
            .thenComparing(MemberInfo::sinceMs))
        .toList();
    return new Members(list, List.copyOf(room.roster().banned()));
  }

  /**
   * The room's sync figures now, for its staff: the people who may remove a member see how well its
   * members' players keep up (the members' own numbers are in presence for everyone).
   */
  public SyncFigures syncFigures(Identity who, RoomId id) {
    Room room = room(id);
    if (!RoomAccess.allows(room, who, Action.KICK)) {
      throw RoomRefusals.forbidden("only the room's moderators and owner see its sync figures");
    }
    return SyncFigures.of(room, rooms.tolerances().deadBandMs());
  }

  public void changeRole(Identity who, RoomId id, UserId target, Role role, String address) {
    Role before = room(id).roster().entry(target).map(RosterEntry::role).orElse(null);
    Decision d = decide(id, who.userId(), new AdminIntent.ChangeRole(target, role), Optional.empty());
    if (!d.events().isEmpty()) {
      audit(AuditAction.ROLE_CHANGED, who, id, Map.of("user", target.value(), "from", String.valueOf(before),
          "to", role.name()), address);
    }
  }

  public void kick(Identity who, RoomId id, UserId target, String address) {
    decide(id, who.userId(), new AdminIntent.Kick(target), Optional.empty());
    audit(AuditAction.MEMBER_KICKED, who, id, Map.of("user", target.value()), address);
  }

  public void ban(Identity who, RoomId id, UserId target, String address) {
    Decision d = decide(id, who.userId(), new AdminIntent.Ban(target), Optional.empty());
    if (!d.events().isEmpty()) audit(AuditAction.MEMBER_BANNED, who, id, Map.of("user", target.value()), address);
  }

  public void unban(Identity who, RoomId id, UserId target, String address) {
    Decision d = decide(id, who.userId(), new AdminIntent.Unban(target), Optional.empty());
    if (!d.events().isEmpty()) audit(AuditAction.MEMBER_UNBANNED, who, id, Map.of("user", target.value()), address);
  }

  public void transferOwnership(Identity who, RoomId id, UserId target, String address) {
    Decision d = decide(id, who.userId(), new AdminIntent.TransferOwnership(target), Optional.empty());
    if (!d.events().isEmpty()) {
      audit(AuditAction.OWNERSHIP_TRANSFERRED, who, id, Map.of("from", who.userId().value(), "to", target.value()),
          address);
    }
  }

  /** The room's invite links. */
  public RoomInvites invites() {
    return invites;
  }

  public List<Listed> directory(String query, int limit) {
    if (query != null && query.length() > RoomSettings.MAX_NAME_LENGTH) {
      throw RoomRefusals.invalid("q is at most 80 characters");
    }
    return repository.directory(query, Math.clamp(limit, 1, MAX_LIST)).stream()
        .map(s -> new Listed(s, rooms.queries().onlineCount(new RoomId(s.id())))).toList();
  }

  public List<RoomRepository.UserRoom> roomsOf(Identity who) {
    return repository.roomsOf(who.userId(), MAX_LIST);
  }

  private Decision decide(RoomId id, UserId actor, AdminIntent intent, Optional<String> passwordChange) {
    Decision d = rooms.administer(id, actor, intent, passwordChange).orElseThrow(() -> RoomRefusals.roomNotFound(id.value()));
    if (d.isRejected()) throw RoomRefusals.of(d.rejection().code(), d.rejection().message());
    return d;
  }

  private void audit(AuditAction action, Identity who, RoomId room, Map<String, String> details, String address) {
    audit.append(new AuditEntry(action, who.userId().value(), "room:" + room.value(), details, address));
  }

  /** What changed from {@code a} to {@code b}, for the audit log (sorted, and open to more entries). */
  private static Map<String, String> diff(RoomSettings a, RoomSettings b) {
    Map<String, String> changed = new java.util.TreeMap<>();
    if (!a.name().equals(b.name())) changed.put("name", b.name());
    if (a.visibility() != b.visibility()) changed.put("visibility", b.visibility().name());
    if (a.guestsAllowed() != b.guestsAllowed()) changed.put("guestsAllowed", String.valueOf(b.guestsAllowed()));
    if (a.controlMode() != b.controlMode()) changed.put("controlMode", b.controlMode().name());
    if (a.bufferingPolicy() != b.bufferingPolicy()) changed.put("bufferingPolicy", b.bufferingPolicy().name());
    if (a.bufferWaitTimeoutMs() != b.bufferWaitTimeoutMs()) {
      changed.put("bufferWaitTimeoutMs", String.valueOf(b.bufferWaitTimeoutMs()));
    }
    if (a.maxMembers() != b.maxMembers()) changed.put("maxMembers", String.valueOf(b.maxMembers()));
    return changed;
  }
}
