package dev.cowatch.core.room;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cowatch.core.Tolerances;
import dev.cowatch.core.room.RoomEvent.TimelineChanged;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Random sequences of intents from three members (plus a stranger), with current, stale and
 * future versions and ticks, checked against the room's invariants after every decision. Seeds
 * are fixed, so a failure reproduces; the message names the seed and the last steps.
 */
class RoomDeciderRandomizedTest {
  private static final Tolerances TOL = Tolerances.DEFAULTS;
  private static final long T0 = 1_700_000_000_000L;
  private static final int STEPS = 600;
  private static final List<MemberId> PEOPLE =
      List.of(new MemberId("ann"), new MemberId("bob"), new MemberId("cat"), new MemberId("eve"));

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 144, 233, 377, 610, 987, 1597, 2584, 4181, 6765, 10946})
  void randomIntents_keepRoomInvariants(long seed) {
    Random random = new Random(seed);
    RoomDecider decider = new RoomDecider(TOL);
    long wait = random.nextInt(3) * 2_500L;
    RoomSettings settings = RoomSettings.defaults("Random", wait)
        .withControlMode(random.nextInt(4) == 0 ? ControlMode.MODERATORS : ControlMode.EVERYONE)
        .withBuffering(random.nextInt(4) == 0 ? BufferingPolicy.NEVER_WAIT : BufferingPolicy.WAIT_FOR_ALL, wait)
        .withMaxMembers(3);
    long now = T0;
    Room room = Room.create(new RoomId("random"), settings, Roster.ownedBy(userOf(PEOPLE.getFirst()), "ann", false, now),
        null, now);
    Deque<String> trail = new ArrayDeque<>();

    for (int step = 0; step < STEPS; step++) {
      now += nextGap(random);
      Room before = room;
      Decision d;
      String what;
      // Sparse ticks (a late timer, a restarted node) let several deadlines pass at once.
      if (random.nextInt(16) == 0) {
        what = "tick";
        d = decider.tick(room, now);
      } else if (random.nextInt(12) == 0) {
        UserId actor = userOf(PEOPLE.get(random.nextInt(PEOPLE.size())));
        AdminIntent intent = nextAdminIntent(random);
        what = actor + " " + intent;
        d = decider.administer(room, actor, intent, now);
      } else {
        MemberId actor = PEOPLE.get(random.nextInt(random.nextInt(10) == 0 ? 4 : 3));
        Intent intent = nextIntent(random, room, actor);
        what = actor + " " + intent;
        d = decider.decide(room, actor, intent, now);
      }
      trail.addLast("@" + (now - T0) + " " + what + " -> "
          + (d.isRejected() ? d.rejection().code() : d.room().timeline().state() + " v" + d.room().timeline().version()));
      if (trail.size() > 12) trail.removeFirst();
      String context = "seed " + seed + ", step " + step + ", last steps:\n  " + String.join("\n  ", trail);

      checkDecision(before, d, context);
      room = d.room();
      checkRoom(room, now, context);
      if (what.equals("tick")) checkAfterTick(room, now, context);
    }
  }

  private static long nextGap(Random random) {
    return switch (random.nextInt(10)) {
      case 0, 1 -> 0; // simultaneous presses
      case 2 -> TOL.reconnectGraceMs() / 2 + random.nextInt(20_000); // let graces and waits run out
      default -> random.nextInt(3_000);
    };
  }

  private static UserId userOf(MemberId member) {
    return new UserId("u-" + member.value());
  }

  private static AdminIntent nextAdminIntent(Random random) {
    UserId target = userOf(PEOPLE.get(random.nextInt(PEOPLE.size())));
    Role[] roles = Role.values();
    return switch (random.nextInt(6)) {
      case 0 -> new AdminIntent.ChangeRole(target, roles[random.nextInt(roles.length)]);
      case 1 -> new AdminIntent.Kick(target);
      case 2 -> new AdminIntent.Ban(target);
      case 3 -> new AdminIntent.Unban(target);
      case 4 -> new AdminIntent.TransferOwnership(target);
      default -> new AdminIntent.Admit("Person", random.nextBoolean());
    };
  }

  private static Intent nextIntent(Random random, Room room, MemberId actor) {
    long version = nextVersion(random, room.timeline().version());
    return switch (random.nextInt(15)) {
      case 0 -> new Intent.Join(random.nextInt(6) == 0 ? " " : "Person", userOf(actor), random.nextInt(5) == 0);
      case 1 -> new Intent.Leave();
      case 2, 14 -> new Intent.Disconnect();
      case 3 -> new Intent.Reconnect();
      case 4, 5 -> new Intent.Play(version);
      case 6 -> new Intent.Pause(version, random.nextBoolean() ? null : (long) random.nextInt(600_000));
      case 7 -> new Intent.Seek(version, random.nextInt(20) == 0 ? -5 : random.nextInt(600_000));
      case 8 -> new Intent.SetRate(version, new double[] {0.5, 1.0, 1.25, 2.0, 0.1}[random.nextInt(5)]);
      case 9 -> new Intent.SetMedia(version, new String[] {"a.mp4", "b.mp4", ""}[random.nextInt(3)]);
      case 10, 11 -> new Intent.Buffering(version);
      case 12 -> new Intent.Ready(version);
      default -> new Intent.Report(random.nextGaussian() * 50,
          random.nextInt(15) == 0 ? -1 : random.nextInt(2_500));
    };
  }

  private static long nextVersion(Random random, long current) {
    int roll = random.nextInt(20);
    if (roll < 12) return current;
    if (roll < 18) return Math.max(0, current - 1 - random.nextInt(3));
    if (roll < 19) return current + 1;
    return 0;
  }

  private static void checkDecision(Room before, Decision d, String context) {
    if (d.isRejected() || d.events().isEmpty()) {
      assertThat(d.room()).as("a refused or empty decision leaves the same room; " + context).isSameAs(before);
      assertThat(d.events()).as(context).isEmpty();
      return;
    }
    assertThat(d.room().revision()).as("an accepted change bumps the revision; " + context)
        .isGreaterThan(before.revision());
    long expectedVersion = before.timeline().version();
    for (RoomEvent e : d.events()) {
      if (e instanceof TimelineChanged tc) {
        expectedVersion++;
        assertThat(tc.timeline().version()).as("each TimelineChanged moves the version by one; " + context)
            .isEqualTo(expectedVersion);
      }
    }
    assertThat(d.room().timeline().version()).as("the version moves only with TimelineChanged; " + context)
        .isEqualTo(expectedVersion);
    d.events().stream().filter(TimelineChanged.class::isInstance).map(TimelineChanged.class::cast)
        .reduce((a, b) -> b)
        .ifPresent(last -> assertThat(last.timeline()).as("the last broadcast timeline is the room's; " + context)
            .isEqualTo(d.room().timeline()));
  }

  private static void checkRoom(Room room, long now, String context) {
    boolean anyoneHolds = room.members().stream()
        .anyMatch(m -> m.isConnected() && m.readiness() == Readiness.BUFFERING);
    if (room.timeline().state() == PlaybackState.WAITING) {
      assertThat(room.waitDeadlineMs()).as("a waiting room has a deadline; " + context).isPositive();
      assertThat(room.nextDeadline(TOL.reconnectGraceMs())).as(context).isPresent();
      assertThat(anyoneHolds).as("a waiting room waits for a connected buffering member; " + context).isTrue();
      assertThat(room.settings().bufferingPolicy()).as(context).isEqualTo(BufferingPolicy.WAIT_FOR_ALL);
    } else {
      assertThat(room.waitDeadlineMs()).as("only a waiting room has a wait deadline; " + context).isZero();
    }
    assertThat(room.members().size()).as(context).isLessThanOrEqualTo(room.settings().maxMembers());
    assertThat(room.members()).extracting(Member::id).as(context).doesNotHaveDuplicates();
    assertThat(room.roster().entries().values()).filteredOn(e -> e.role() == Role.OWNER).as("one owner; " + context)
        .hasSize(1);
    for (Member m : room.members()) {
      assertThat(room.roster().isBanned(m.userId())).as("a banned user has no session; " + context).isFalse();
      room.roster().entry(m.userId()).ifPresent(e ->
          assertThat(m.role()).as("a session has its user's role; " + context).isEqualTo(e.role()));
    }
    if (room.timeline().state() == PlaybackState.PLAYING) {
      assertThat(room.timeline().hasMedia()).as(context).isTrue();
    }
    assertThat(room.timeline().anchorTimeMs()).as("anchors lie at most the lead cap ahead; " + context)
        .isLessThanOrEqualTo(now + TOL.maxLeadMs() + TOL.seekAllowanceMs());
  }

  private static void checkAfterTick(Room room, long now, String context) {
    if (room.timeline().state() == PlaybackState.WAITING) {
      assertThat(room.waitDeadlineMs()).as("a tick at the deadline ends the wait; " + context).isGreaterThan(now);
    }
    for (Member m : room.members()) {
      if (!m.isConnected()) {
        assertThat(m.disconnectedAtMs() + TOL.reconnectGraceMs())
            .as("a tick removes members past their grace; " + context).isGreaterThan(now);
      }
    }
    room.nextDeadline(TOL.reconnectGraceMs())
        .ifPresent(deadline -> assertThat(deadline).as("after a tick the next deadline is in the future; " + context)
            .isGreaterThan(now));
  }
}
