package dev.cowatch.server.room;

import dev.cowatch.core.room.Action;
import dev.cowatch.core.room.Room;
import dev.cowatch.core.room.RoomId;
import dev.cowatch.server.account.Identity;
import dev.cowatch.server.audit.AuditAction;
import dev.cowatch.server.platform.Ids;
import dev.cowatch.server.platform.Refusal;
import dev.cowatch.server.room.access.Invite;
import dev.cowatch.server.room.access.InviteRepository;
import dev.cowatch.server.room.access.InviteTokens;
import dev.cowatch.server.room.decisions.RoomRefusals;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A room's invite links: made, listed and revoked by those whose role may invite, shown to anyone holding
 * one before they sign in, and spent, one use each, by {@link RoomManagement#enter}. A link is a signed
 * token naming the invite; the invite (its room, uses left, expiry, revocation) is the stored truth, so a
 * token for another room, or one revoked or used up, lets nobody in.
 */
public final class RoomInvites {
  public static final long DEFAULT_SECONDS = 7 * 24 * 3600;
  public static final long MAX_SECONDS = 30 * 24 * 3600;
  public static final int DEFAULT_USES = 10;
  public static final int MAX_USES = 1_000;
  public static final int MAX_LIVE = 100;
  /** A room's invites listed at most, newest first (expired and revoked ones too). */
  public static final int MAX_LISTED = 100;

  /** An invite with the token its link carries. */
  public record Issued(Invite invite, String token) {}

  /** What an invite link shows before anyone signs in. */
  public record Preview(Room room, Invite invite) {}

  /** Appends to the audit log for a room: the same entries as every other change to a room. */
  @FunctionalInterface
  interface Audit {
    void append(AuditAction action, Identity who, RoomId room, Map<String, String> details, String address);
  }

  private final InviteRepository invites;
  private final InviteTokens tokens;
  private final Function<RoomId, Room> room;
  private final Audit audit;
  private final Clock clock;
  private final Ids ids;

  RoomInvites(InviteRepository invites, InviteTokens tokens, Function<RoomId, Room> room, Audit audit, Clock clock,
      Ids ids) {
    this.invites = invites;
    this.tokens = tokens;
    this.room = room;
    this.audit = audit;
    this.clock = clock;
    this.ids = ids;
  }

  /** A new invite to {@code id}: {@code expiresInSeconds} (60 s to 30 days) and {@code maxUses} (1 to 1,000) or their defaults. */
  public Issued create(Identity who, RoomId id, Long expiresInSeconds, Integer maxUses, String address) {
    requireInviter(room.apply(id), who);
    long seconds = expiresInSeconds == null ? DEFAULT_SECONDS : expiresInSeconds;
    int uses = maxUses == null ? DEFAULT_USES : maxUses;
    if (seconds < 60 || seconds > MAX_SECONDS) throw RoomRefusals.invalid("expiresInSeconds must be 60-" + MAX_SECONDS);
    if (uses < 1 || uses > MAX_USES) throw RoomRefusals.invalid("maxUses must be 1-" + MAX_USES);
    long now = clock.millis();
    if (invites.countLive(id.value(), now) >= MAX_LIVE) {
      throw new Refusal(Refusal.Kind.CONFLICT, "too-many-invites",
          "a room has at most " + MAX_LIVE + " live invites: revoke some first");
    }
    Invite invite = new Invite(ids.inviteId(), id.value(), who.userId().value(), now, now + seconds * 1_000, uses, 0, 0);
    invites.insert(invite);
    audit.append(AuditAction.INVITE_CREATED, who, id, Map.of("invite", invite.id(), "maxUses", String.valueOf(uses),
        "expiresAt", String.valueOf(invite.expiresAt())), address);
    return new Issued(invite, tokens.sign(invite.id()));
  }

  public List<Issued> of(Identity who, RoomId id) {
    requireInviter(room.apply(id), who);
    return invites.ofRoom(id.value(), MAX_LISTED).stream().map(i -> new Issued(i, tokens.sign(i.id()))).toList();
  }

  public void revoke(Identity who, RoomId id, String inviteId, String address) {
    requireInviter(room.apply(id), who);
    if (!invites.revoke(id.value(), inviteId, clock.millis())) {
      throw new Refusal(Refusal.Kind.NOT_FOUND, "invite-not-found", "no live invite '" + inviteId + "' here");
    }
    audit.append(AuditAction.INVITE_REVOKED, who, id, Map.of("invite", inviteId), address);
  }

  public Preview preview(String token) {
    Invite invite = invites.find(inviteIdOf(token)).orElseThrow(RoomInvites::notValid);
    if (!invite.usableAt(clock.millis())) throw gone(invite);
    return new Preview(room.apply(new RoomId(invite.roomId())), invite);
  }

  /**
   * Takes one use of the invite {@code token} names, if it is an invite to {@code id} and still usable; returns
   * its id, for {@link #giveBack} when the admission it paid for does not happen.
   */
  String spend(String token, RoomId id) {
    String inviteId = inviteIdOf(token);
    Invite invite = invites.find(inviteId).filter(i -> i.roomId().equals(id.value())).orElseThrow(RoomInvites::notValid);
    if (!invites.consume(inviteId, clock.millis())) throw gone(invite);
    return inviteId;
  }

  void giveBack(String inviteId) {
    invites.release(inviteId);
  }

  private String inviteIdOf(String token) {
    return tokens.verify(token).orElseThrow(RoomInvites::notValid);
  }

  private static void requireInviter(Room room, Identity who) {
    if (!RoomAccess.allows(room, who, Action.INVITE)) {
      throw RoomRefusals.forbidden("your role in this room does not let you manage invites");
    }
  }

  private static Refusal notValid() {
    return new Refusal(Refusal.Kind.NOT_FOUND, "invite-not-found", "this invite link is not valid");
  }

  private static Refusal gone(Invite invite) {
    String why = invite.revokedAt() != 0 ? "was revoked" : invite.uses() >= invite.maxUses() ? "has been used up"
        : "has expired";
    return new Refusal(Refusal.Kind.GONE, "invite-gone", "this invite " + why);
  }
}
