package dev.cowatch.server.admin;

import dev.cowatch.core.room.Room;
import dev.cowatch.core.room.RoomId;
import dev.cowatch.core.room.UserId;
import dev.cowatch.protocol.ServerMessage;
import dev.cowatch.server.account.AccountServices;
import dev.cowatch.server.account.Identity;
import dev.cowatch.server.account.SiteStanding;
import dev.cowatch.server.account.User;
import dev.cowatch.server.audit.AuditAction;
import dev.cowatch.server.audit.AuditEntry;
import dev.cowatch.server.audit.AuditLog;
import dev.cowatch.server.platform.Ids;
import dev.cowatch.server.platform.Refusal;
import dev.cowatch.server.room.RoomModule;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a site administrator may do: see the live rooms, close one, ban and unban accounts, post and
 * withdraw notices to everyone online. Every method checks that the caller administers the site (403
 * otherwise) and appends what it did to the audit log.
 */
public final class AdminService {
  /** A notice is a line or two in a banner. */
  public static final int MAX_NOTICE = 500;
  /** Notices last at least a minute and at most a week: a forgotten notice must not stay up for good. */
  public static final Duration MIN_NOTICE_TIME = Duration.ofMinutes(1);
  public static final Duration MAX_NOTICE_TIME = Duration.ofDays(7);
  /** Banners shown at once; more would cover the page. */
  public static final int MAX_SHOWN_NOTICES = 5;
  public static final int MAX_CLOSE_REASON = 500;

  private final AccountServices accounts;
  private final RoomModule rooms;
  private final SiteNotices notices;
  private final AuditLog audit;
  private final Clock clock;
  private final Ids ids;

  public AdminService(AccountServices accounts, RoomModule rooms, SiteNotices notices, AuditLog audit, Clock clock,
      Ids ids) {
    this.accounts = accounts;
    this.rooms = rooms;
    this.notices = notices;
    this.audit = audit;
    this.clock = clock;
    this.ids = ids;
  }

  /** Whether {@code who} administers the site (a guest never does). */
  public boolean isAdmin(Identity who) {
    return !who.isGuest() && accounts.standing().isAdmin(who.userId());
  }

  /** The caller, if it administers the site; else a 403 {@code not-an-admin}. */
  public Identity requireAdmin(Identity who) {
    if (!isAdmin(who)) {
      throw new Refusal(Refusal.Kind.FORBIDDEN, "not-an-admin", "only the site's administrators may do this");
    }
    return who;
  }

  public List<Map<String, Object>> liveRooms(Identity who) {
    requireAdmin(who);
    return LiveRoomReport.of(rooms.service().queries().liveRooms(), clock.millis(), rooms::mediaTitle);
  }

  /** Closes the room for good: its members are told, its data goes. */
  public void closeRoom(Identity who, RoomId id, String reason, String address) {
    requireAdmin(who);
    String why = text("reason", reason, MAX_CLOSE_REASON);
    Room room = rooms.service().find(id)
        .orElseThrow(() -> new Refusal(Refusal.Kind.NOT_FOUND, "room-not-found", "no room " + id.value()));
    rooms.service().closeForGood(id);
    record(AuditAction.ROOM_CLOSED, who, "room:" + id.value(), Map.of("name", room.settings().name(), "reason", why),
        address);
  }

  /** Bans a user by id or email; its sessions end on every node at once. */
  public SiteStanding.Ban ban(Identity who, String userIdOrEmail, String reason, String address) {
    requireAdmin(who);
    User target = user(userIdOrEmail);
    if (target.id().equals(who.userId())) {
      throw new Refusal(Refusal.Kind.CONFLICT, "cannot-ban-yourself", "an administrator cannot ban themselves");
    }
    if (accounts.standing().isAdmin(target.id())) {
      throw new Refusal(Refusal.Kind.CONFLICT, "cannot-ban-an-admin",
          "revoke their administration first (./cowatch admin revoke EMAIL)");
    }
    accounts.bans().ban(target.id(), reason, who.userId());
    SiteStanding.Ban ban = accounts.bans().banOf(target.id()).orElseThrow();
    record(AuditAction.ACCOUNT_BANNED, who, "user:" + target.id().value(), Map.of("reason", ban.reason()), address);
    return ban;
  }

  public void unban(Identity who, String userIdOrEmail, String address) {
    requireAdmin(who);
    User target = user(userIdOrEmail);
    if (!accounts.bans().unban(target.id())) {
      throw new Refusal(Refusal.Kind.NOT_FOUND, "not-banned", target.displayName() + " is not banned");
    }
    record(AuditAction.ACCOUNT_UNBANNED, who, "user:" + target.id().value(), Map.of(), address);
  }

  /** Bans, newest first, with the banned user's name and email. */
  public List<Map<String, Object>> bans(Identity who) {
    requireAdmin(who);
    return accounts.standing().bans(200).stream().map(b -> {
      Optional<User> u = accounts.findUser(b.userId().value());
      Map<String, Object> m = new java.util.LinkedHashMap<>();
      m.put("userId", b.userId().value());
      m.put("name", u.map(User::displayName).orElse(null));
      m.put("email", u.map(User::email).orElse(null));
      m.put("reason", b.reason());
      m.put("bannedBy", b.bannedBy() == null ? null : b.bannedBy().value());
      m.put("bannedAt", b.bannedAt());
      return m;
    }).toList();
  }

  /** Posts a notice and shows it at once in every live room; other pages read it within their poll. */
  public SiteNotices.Notice postNotice(Identity who, String text, Duration shownFor, String address) {
    requireAdmin(who);
    String line = text("text", text, MAX_NOTICE);
    if (shownFor == null || shownFor.compareTo(MIN_NOTICE_TIME) < 0 || shownFor.compareTo(MAX_NOTICE_TIME) > 0) {
      throw new Refusal(422, "invalid-field", "Invalid minutes", "a notice is shown for 1 minute to 7 days");
    }
    long now = clock.millis();
    SiteNotices.Notice notice = new SiteNotices.Notice(ids.recordId(), line, who.userId().value(), now,
        now + shownFor.toMillis());
    notices.add(notice);
    record(AuditAction.NOTICE_POSTED, who, "notice:" + notice.id(),
        Map.of("text", line, "expiresAt", Long.toString(notice.expiresAt())), address);
    tellLiveRooms(new ServerMessage.Notice(notice.id(), notice.text(), notice.expiresAt()));
    return notice;
  }

  public void withdrawNotice(Identity who, String id, String address) {
    requireAdmin(who);
    long now = clock.millis();
    if (id == null || id.length() > 40 || !notices.withdraw(id, now)) {
      throw new Refusal(Refusal.Kind.NOT_FOUND, "notice-not-found", "no notice " + id + " is shown");
    }
    record(AuditAction.NOTICE_WITHDRAWN, who, "notice:" + id, Map.of(), address);
    // An expiry in the past takes the banner down where it shows.
    tellLiveRooms(new ServerMessage.Notice(id, "", now));
  }

  /** What everyone online is shown now; open to anyone, signed in or not. */
  public List<SiteNotices.Notice> currentNotices() {
    return notices.current(clock.millis(), MAX_SHOWN_NOTICES);
  }

  private void tellLiveRooms(ServerMessage message) {
    // Through each room's bus, so members connected to other nodes of a cluster get it too.
    for (Room room : rooms.service().queries().liveRooms()) rooms.service().broadcast(room.id(), message);
  }

  private User user(String userIdOrEmail) {
    return accounts.findUser(userIdOrEmail).orElseThrow(() -> new Refusal(Refusal.Kind.NOT_FOUND, "user-not-found",
        "no account " + (userIdOrEmail == null ? "" : userIdOrEmail.strip())));
  }

  private static String text(String field, String value, int max) {
    String v = value == null ? "" : value.strip();
    if (v.isEmpty() || v.length() > max) {
      throw new Refusal(422, "invalid-field", "Invalid " + field, field + ": 1 to " + max + " characters");
    }
    return v;
  }

  void record(AuditAction action, Identity who, String subject, Map<String, String> details, String address) {
    audit.append(new AuditEntry(action, who.userId().value(), subject, details, address));
  }
}
