package dev.cowatch.server.showing;

import dev.cowatch.core.room.BufferingPolicy;
import dev.cowatch.core.room.ControlMode;
import dev.cowatch.core.room.Room;
import dev.cowatch.core.room.RoomId;
import dev.cowatch.core.room.RoomSettings;
import dev.cowatch.core.room.UserId;
import dev.cowatch.core.room.Visibility;
import dev.cowatch.server.account.Identity;
import dev.cowatch.server.platform.Refusal;
import dev.cowatch.server.platform.mail.MailOutbox;
import dev.cowatch.server.room.RoomManagement;
import dev.cowatch.server.showing.ShowingRepository.Answer;
import dev.cowatch.server.showing.ShowingRepository.Attendee;
import dev.cowatch.server.social.FriendService;
import dev.cowatch.server.social.Notification;
import dev.cowatch.server.social.Notifications;
import dev.cowatch.server.social.Person;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scheduled showings: plan one (a room is made for it), invite friends, answer, move or cancel it.
 * Reminder mails are queued in the mail outbox under a key per showing, start and person, so each
 * goes exactly once, also across restarts, and moving the showing replaces the unsent ones.
 */
public final class Showings {
  private static final Logger log = LoggerFactory.getLogger(Showings.class);
  public static final int MAX_UPCOMING_PER_OWNER = 100;
  public static final int MAX_INVITEES = 200;
  public static final int MAX_TITLE = 200;
  public static final int MAX_DESCRIPTION = 2_000;
  static final Duration MAX_AHEAD = Duration.ofDays(366);
  /** An episode's length: 50 of them at most keep a showing's end far inside a long (2^62 ms went negative). */
  static final Duration MIN_EPISODE = Duration.ofSeconds(1);
  static final Duration MAX_EPISODE = Duration.ofHours(24);

  private final ShowingRepository repository;
  private final RoomManagement rooms;
  private final FriendService friends;
  private final Notifications notifications;
  private final MailOutbox outbox;
  private final EpisodeMedia media;
  private final Clock clock;
  private final ShowingConfig rules;
  private final Supplier<String> ids;
  private final ShowingConductor conductor;

  public Showings(ShowingRepository repository, RoomManagement rooms, FriendService friends,
      Notifications notifications, MailOutbox outbox, EpisodeMedia media, Clock clock, ShowingConfig rules,
      Supplier<String> ids, ShowingConductor conductor) {
    this.repository = repository;
    this.rooms = rooms;
    this.friends = friends;
    this.notifications = notifications;
    this.outbox = outbox;
    this.media = media;
    this.clock = clock;
    this.rules = rules;
    this.ids = ids;
    this.conductor = conductor;
  }

  /** A showing as a page shows it: who is coming, who is invited, and the caller's own answer. */
  public record View(Showing showing, List<Attendee> going, List<Attendee> invited, Answer myAnswer, boolean mine) {}

  public Showing create(Identity who, ShowingDraft draft, String baseUrl, String address) {
    requireAccount(who);
    String title = name(draft.title(), "title", MAX_TITLE);
    String description = draft.description() == null || draft.description().isBlank() ? null
        : text(draft.description(), "description", 1, MAX_DESCRIPTION);
    long startsAt = instant(draft.localStart(), draft.zone());
    List<Episode> episodes = episodes(who.userId(), draft.episodes());
    Visibility visibility = draft.visibility() == null ? Visibility.UNLISTED : draft.visibility();
    if (repository.countOwnedUpcoming(who.userId(), clock.millis()) >= MAX_UPCOMING_PER_OWNER) {
      throw new Refusal(Refusal.Kind.CONFLICT, "too-many-showings",
          "you have " + MAX_UPCOMING_PER_OWNER + " showings planned; cancel some first");
    }
    List<Person> invitees = invitable(who, draft.invitees());
    // The room is the showing's stage: only its owner and moderators steer playback there, and like a
    // cinema it never waits for someone still loading (they catch up).
    RoomSettings settings = RoomSettings.defaults(title.length() > 80 ? title.substring(0, 80) : title,
            rooms.bufferWaitTimeoutMs())
        .withAccess(visibility, false, true).withControlMode(ControlMode.MODERATORS)
        .withBuffering(BufferingPolicy.NEVER_WAIT, rooms.bufferWaitTimeoutMs());
    Room room = rooms.create(who, settings, null, episodes.get(0).mediaId(), address);
    // The first episode went in with the room; the showing's stage may watch the later ones too.
    for (Episode e : episodes.subList(1, episodes.size())) rooms.placeMedia(who, room.id(), e.mediaId());
    Showing showing = new Showing(ids.get(), who.userId(), title, description, episodes, startsAt, draft.zone(),
        visibility, room.id().value(), Showing.Status.SCHEDULED, clock.millis());
    repository.insert(showing, clock.millis());
    repository.answer(showing.id(), who.userId(), Answer.GOING, null, clock.millis());
    scheduleReminder(showing, who.userId(), baseUrl);
    Person me = friends.person(who.userId());
    for (Person p : invitees) invite(showing, me, p, baseUrl);
    conductor.programme(showing);
    log.info("showing planned id={} owner={} startsAt={} episodes={} invitees={}", showing.id(), who.userId(),
        startsAt, episodes.size(), invitees.size());
    return showing;
  }

  public View view(Optional<Identity> who, String id) {
    Showing s = visible(who, id);
    List<Attendee> all = repository.attendees(id);
    List<Attendee> going = all.stream().filter(a -> a.answer() == Answer.GOING).toList();
    List<Attendee> invited = all.stream().filter(a -> a.answer() == Answer.INVITED).toList();
    Answer mine = who.flatMap(w -> repository.answerOf(id, w.userId())).orElse(null);
    return new View(s, going, invited, mine, who.map(w -> w.userId().equals(s.ownerId())).orElse(false));
  }

  /** Coming or not: a yes queues the reminder (for someone with an email), a no drops it. */
  public void answer(Identity who, String id, boolean going, String baseUrl) {
    Showing s = visible(Optional.of(who), id);
    requireScheduled(s);
    repository.answer(id, who.userId(), going ? Answer.GOING : Answer.DECLINED, null, clock.millis());
    if (going) {
      scheduleReminder(s, who.userId(), baseUrl);
    } else {
      outbox.cancelUnsent(reminderPrefix(s) + who.userId().value());
    }
  }

  /** Invites more friends (the owner only). */
  public void invite(Identity who, String id, List<UserId> userIds, String baseUrl) {
    Showing s = owned(who, id);
    requireScheduled(s);
    Person me = friends.person(who.userId());
    for (Person p : invitable(who, userIds)) invite(s, me, p, baseUrl);
  }

  /** Moves the showing; unsent reminders follow it (the owner only). */
  public Showing reschedule(Identity who, String id, LocalDateTime localStart, ZoneId zone, String baseUrl) {
    Showing s = owned(who, id);
    requireScheduled(s);
    Showing moved = s.rescheduled(instant(localStart, zone), zone);
    repository.update(moved, clock.millis());
    outbox.cancelUnsent(reminderPrefix(s));
    for (Attendee a : repository.attendees(id)) {
      if (a.answer() != Answer.DECLINED) scheduleReminder(moved, a.userId(), baseUrl);
    }
    conductor.programme(moved);
    return moved;
  }

  public void cancel(Identity who, String id) {
    Showing s = owned(who, id);
    requireScheduled(s);
    Showing cancelled = s.cancelled();
    repository.update(cancelled, clock.millis());
    outbox.cancelUnsent(reminderPrefix(s));
    conductor.cancelled(cancelled);
    log.info("showing cancelled id={}", id);
  }

  public List<Showing> upcoming(Identity who) {
    return repository.upcomingFor(who.userId(), clock.millis() - Duration.ofHours(12).toMillis(), 100);
  }

  /** The showing's room, entered: invitees of a private showing get a role there; others enter as usual. */
  public RoomId enter(Identity who, String id) {
    Showing s = visible(Optional.of(who), id);
    requireScheduled(s);
    RoomId room = new RoomId(s.roomId());
    if (s.visibility() == Visibility.PRIVATE) rooms.admitInvited(who, room);
    else rooms.enter(who, room, null, null, null); // no password: no address to count
    return room;
  }

  public Showing find(Optional<Identity> who, String id) {
    return visible(who, id);
  }

  // ---- rules

  private void invite(Showing s, Person from, Person to, String baseUrl) {
    repository.answer(s.id(), to.userId(), Answer.INVITED, from.userId(), clock.millis());
    String link = link(s, baseUrl);
    notifications.notify(to.userId(), Notification.Kind.SHOWING_INVITE, from.publicView(),
        Map.of("showingId", s.id(), "title", s.title(), "startsAt", Long.toString(s.startsAtMs()), "link", link));
    if (to.email() != null) {
      outbox.enqueue("showing:" + s.id() + ":invite:" + to.userId().value(),
          ShowingMails.invitation(s, to.email(), to.displayName(), from.displayName(), link), clock.millis(),
          clock.millis());
    }
    scheduleReminder(s, to.userId(), baseUrl);
  }

  /** Queues the reminder for one person, once per showing start; nothing for guests or past starts. */
  private void scheduleReminder(Showing s, UserId user, String baseUrl) {
    long now = clock.millis();
    if (s.startsAtMs() <= now) return;
    Person p = friends.person(user);
    if (p.email() == null) return;
    long at = Math.max(now, s.startsAtMs() - rules.reminderBefore().toMillis());
    outbox.enqueue(reminderPrefix(s) + user.value(), ShowingMails.reminder(s, p.email(), p.displayName(),
        link(s, baseUrl)), at, now);
  }

  /** Keys carry the start, so a moved showing's reminders are new mails and a sent one is never sent again. */
  private static String reminderPrefix(Showing s) {
    return "showing:" + s.id() + ":reminder:" + s.startsAtMs() + ":";
  }

  public static String link(Showing s, String baseUrl) {
    return baseUrl + "/s/" + s.id();
  }

  private List<Person> invitable(Identity who, List<UserId> userIds) {
    if (userIds.size() > MAX_INVITEES) throw invalid("at most " + MAX_INVITEES + " invitees at a time");
    List<Person> people = new ArrayList<>();
    for (UserId u : new LinkedHashSet<>(userIds)) {
      if (u.equals(who.userId())) continue;
      if (!friends.areFriends(who.userId(), u)) {
        throw new Refusal(Refusal.Kind.FORBIDDEN, "not-friends", "you can only invite your friends ('" + u.value() + "')");
      }
      people.add(friends.person(u));
    }
    return people;
  }

  private List<Episode> episodes(UserId who, List<Episode> drafts) {
    if (drafts.isEmpty() || drafts.size() > Showing.MAX_EPISODES) {
      throw invalid("a showing has 1-" + Showing.MAX_EPISODES + " episodes");
    }
    List<Episode> out = new ArrayList<>();
    for (int i = 0; i < drafts.size(); i++) {
      Episode e = drafts.get(i);
      String mediaId = e.mediaId() == null ? "" : e.mediaId().strip();
      if (mediaId.isEmpty() || mediaId.length() > 2048) throw invalid("episode " + (i + 1) + " needs a media id or URL");
      Long duration = e.durationMs();
      if (mediaId.startsWith("media:")) {
        Optional<Long> known = media.durationOf(who, mediaId.substring("media:".length()));
        if (duration == null) duration = known.orElse(null);
      }
      if (duration == null && i < drafts.size() - 1) {
        throw invalid("episode " + (i + 1) + " needs its duration, so the next one can start on time");
      }
      if (duration != null && (duration < MIN_EPISODE.toMillis() || duration > MAX_EPISODE.toMillis())) {
        throw invalid("episode " + (i + 1) + " must last between 1 second and 24 hours");
      }
      String title = e.title() == null || e.title().isBlank() ? "Episode " + (i + 1)
          : name(e.title(), "episode title", MAX_TITLE);
      out.add(new Episode(mediaId, title, duration));
    }
    return out;
  }

  private long instant(LocalDateTime local, ZoneId zone) {
    return startMs(local, zone, clock.instant(), rules.minLead());
  }

  /**
   * When a showing planned for {@code local} in {@code zone} starts, as epoch ms: refused (422) when the
   * wall-clock time does not exist there, or is less than {@code minLead} or more than a year from {@code now}.
   * Pure, so that any date and zone can be tried against it (ShowingTimesFuzzTest).
   */
  public static long startMs(LocalDateTime local, ZoneId zone, java.time.Instant now, Duration minLead) {
    if (local == null || zone == null) throw invalid("a start time and a time zone are required");
    if (zone.getRules().getValidOffsets(local).isEmpty()) {
      throw invalid(local + " does not exist in " + zone.getId() + " (the clocks skip it)");
    }
    // Compared as instants: a year like +999999999 has no epoch millisecond (toEpochMilli overflows).
    java.time.Instant at = ZonedDateTime.ofLocal(local, zone, null).toInstant();
    if (at.isBefore(now.plus(minLead))) throw invalid("the start must be at least " + inWords(minLead) + " from now");
    if (at.isAfter(now.plus(MAX_AHEAD))) throw invalid("the start must be within a year");
    return at.toEpochMilli();
  }

  /** "1 minute", "10 minutes", "30 seconds": the least lead as the refusal says it. */
  static String inWords(Duration d) {
    if (d.toSecondsPart() == 0 && d.toMinutes() > 0) return d.toMinutes() + (d.toMinutes() == 1 ? " minute" : " minutes");
    return d.toSeconds() + (d.toSeconds() == 1 ? " second" : " seconds");
  }

  private Showing visible(Optional<Identity> who, String id) {
    Showing s = repository.find(id).orElseThrow(() -> notFound(id));
    if (s.visibility() != Visibility.PRIVATE) return s;
    boolean allowed = who.map(w -> w.userId().equals(s.ownerId())
        || repository.answerOf(id, w.userId()).isPresent()).orElse(false);
    if (!allowed) throw notFound(id);
    return s;
  }

  private Showing owned(Identity who, String id) {
    Showing s = visible(Optional.of(who), id);
    if (!s.ownerId().equals(who.userId())) {
      throw new Refusal(Refusal.Kind.FORBIDDEN, "not-showing-owner", "only the person who planned it may change it");
    }
    return s;
  }

  private static void requireScheduled(Showing s) {
    if (s.status() == Showing.Status.CANCELLED) {
      throw new Refusal(Refusal.Kind.GONE, "showing-cancelled", "this showing was cancelled");
    }
  }

  private static void requireAccount(Identity who) {
    if (who.isGuest()) throw new Refusal(Refusal.Kind.FORBIDDEN, "account-required", "sign up to plan showings");
  }

  /** A title people see: the rule every name follows (core.text.Names). */
  private static String name(String value, String field, int max) {
    String t = dev.cowatch.core.text.Names.normalize(value);
    dev.cowatch.core.text.Names.problem(t, max).ifPresent(p -> {
      throw invalid(field + ": " + p);
    });
    return t;
  }

  private static String text(String value, String field, int min, int max) {
    if (value == null) throw invalid(field + " is required");
    String t = value.strip();
    int n = t.codePointCount(0, t.length());
    if (n < min || n > max) throw invalid(field + " must be " + min + "-" + max + " characters");
    if (t.codePoints().anyMatch(c -> Character.isISOControl(c) && c != '\n')) {
      throw invalid(field + " must not contain control characters");
    }
    return t;
  }

  private static Refusal invalid(String message) {
    return new Refusal(Refusal.Kind.INVALID, "invalid-showing", message);
  }

  private static Refusal notFound(String id) {
    return new Refusal(Refusal.Kind.NOT_FOUND, "showing-not-found", "no showing '" + id + "'");
  }
}
