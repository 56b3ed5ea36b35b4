package dev.cowatch.core.room;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.cowatch.core.FuzzRuns;
import dev.cowatch.core.Tolerances;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Any sequence of intents, admin intents and ticks, with any versions, positions, rates, names and
 * gaps of fake time: nothing escapes the decider but a Decision, a refused or empty decision leaves
 * the very same room, and the timeline's version never goes down (it moves by one per broadcast
 * timeline). {@link RoomDeciderRandomizedTest} checks the room's finer invariants on seeded runs.
 */
class RoomDeciderFuzzTest {
  private static final long T0 = 1_700_000_000_000L;
  private static final int MAX_STEPS = 64;
  private static final List<MemberId> PEOPLE =
      List.of(new MemberId("ann"), new MemberId("bob"), new MemberId("cat"), new MemberId("eve"));
  private static final RoomDecider DECIDER = new RoomDecider(Tolerances.DEFAULTS);

  @FuzzTest(maxDuration = "15s")
  void anyIntents_keepVersionsGrowingAndRefusalsChangeNothing(FuzzedDataProvider data) {
    FuzzRuns.count(getClass());
    long wait = data.consumeLong(0, 60_000);
    RoomSettings settings = RoomSettings.defaults("Fuzz", wait)
        .withControlMode(data.pickValue(ControlMode.values()))
        .withBuffering(data.pickValue(BufferingPolicy.values()), wait)
        .withMaxMembers(data.consumeInt(1, 4));
    long now = T0;
    Room room = Room.create(new RoomId("fuzz"), settings, Roster.ownedBy(user(PEOPLE.getFirst()), "ann", false, now),
        data.consumeBoolean() ? null : "a.mp4", now);
    List<Step> trail = new ArrayList<>();
    for (int step = 0; step < MAX_STEPS && data.remainingBytes() > 0; step++) {
      now += data.consumeBoolean() ? data.consumeLong(0, 3_000) : data.consumeLong(0, 1L << 40);
      Room before = room;
      Object what;
      Decision d = switch (data.consumeInt(0, 9)) {
        case 0 -> {
          what = "tick";
          yield DECIDER.tick(room, now);
        }
        case 1 -> {
          UserId actor = user(data.pickValue(PEOPLE));
          AdminIntent admin = adminIntent(data);
          what = actor + " " + admin;
          yield DECIDER.administer(room, actor, admin, now);
        }
        default -> {
          MemberId actor = data.pickValue(PEOPLE);
          Intent intent = intent(data, room);
          what = actor + " " + intent;
          yield DECIDER.decide(room, actor, intent, now);
        }
      };
      assertThat(d).isNotNull();
      trail.add(new Step(now - T0, what, d));
      Supplier<String> context = () -> "steps:" + trail.stream().map(Step::toString).collect(Collectors.joining());
      if (d.isRejected() || d.events().isEmpty()) {
        assertThat(d.room()).as(() -> "a refused or empty decision leaves the same room; " + context.get()).isSameAs(before);
        assertThat(d.events()).as(context).isEmpty();
      } else {
        assertThat(d.room().revision()).as(context).isGreaterThan(before.revision());
      }
      long broadcasts = d.events().stream().filter(RoomEvent.TimelineChanged.class::isInstance).count();
      assertThat(d.room().timeline().version()).as(() -> "the version moves by one per broadcast timeline; " + context.get())
          .isEqualTo(before.timeline().version() + broadcasts);
      room = d.room();
    }
  }

  /** One step, rendered only when an assertion fails (rendering every room would slow the fuzzer down). */
  private record Step(long atMs, Object what, Decision decision) {
    @Override
    public String toString() {
      return "\n  @" + atMs + " " + what + " -> " + (decision.isRejected() ? decision.rejection().code() : decision.events());
    }
  }

  private static UserId user(MemberId member) {
    return new UserId("u-" + member.value());
  }

  private static AdminIntent adminIntent(FuzzedDataProvider data) {
    UserId target = user(data.pickValue(PEOPLE));
    return switch (data.consumeInt(0, 5)) {
      case 0 -> new AdminIntent.ChangeRole(target, data.pickValue(Role.values()));
      case 1 -> new AdminIntent.Kick(target);
      case 2 -> new AdminIntent.Ban(target);
      case 3 -> new AdminIntent.Unban(target);
      case 4 -> new AdminIntent.TransferOwnership(target);
      default -> new AdminIntent.Admit(data.consumeString(8), data.consumeBoolean());
    };
  }

  private static Intent intent(FuzzedDataProvider data, Room room) {
    long current = room.timeline().version();
    long version = switch (data.consumeInt(0, 3)) {
      case 0, 1 -> current;
      case 2 -> current - data.consumeLong(0, 3);
      default -> data.consumeLong();
    };
    MemberId someone = data.pickValue(PEOPLE);
    return switch (data.consumeInt(0, 17)) {
      case 0 -> new Intent.Join(data.consumeString(8), user(someone), data.consumeBoolean());
      case 1 -> new Intent.Leave();
      case 2 -> new Intent.Disconnect();
      case 3 -> new Intent.Reconnect();
      case 4 -> new Intent.Play(version);
      case 5 -> new Intent.Pause(version, data.consumeBoolean() ? null : data.consumeLong());
      case 6 -> new Intent.Seek(version, data.consumeLong());
      case 7 -> new Intent.SetRate(version, data.consumeDouble());
      case 8 -> new Intent.SetMedia(version, data.consumeString(8));
      case 9 -> new Intent.QueueAdd(data.consumeString(4), data.consumeString(8), data.consumeString(8));
      case 10 -> new Intent.QueueRemove(data.consumeString(4));
      case 11 -> new Intent.QueueMove(data.consumeString(4), data.consumeInt());
      case 12 -> new Intent.PlayNext(version);
      case 13 -> new Intent.Ended(version, data.consumeString(8));
      case 14 -> new Intent.SetSubtitle(data.consumeBoolean() ? null : data.consumeString(4),
          data.consumeBoolean() ? null : data.consumeString(8));
      case 15 -> new Intent.Buffering(version);
      case 16 -> new Intent.Ready(version);
      default -> new Intent.Report(data.consumeDouble(), data.consumeDouble());
    };
  }
}
