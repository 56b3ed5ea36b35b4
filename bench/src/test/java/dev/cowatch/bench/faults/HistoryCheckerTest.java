package dev.cowatch.bench.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cowatch.bench.faults.History.Answered;
import dev.cowatch.bench.faults.History.End;
import dev.cowatch.bench.faults.History.Event;
import dev.cowatch.bench.faults.History.FaultEnded;
import dev.cowatch.bench.faults.History.FaultStarted;
import dev.cowatch.bench.faults.History.Observed;
import dev.cowatch.bench.faults.History.Outcome;
import dev.cowatch.bench.faults.History.RoomAtEnd;
import dev.cowatch.bench.faults.History.Sent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class HistoryCheckerTest {
  static LongStream seeds() {
    return LongStream.range(1, 41);
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void aCorrectDeployment_isFoundClean_withEveryFaultAndRefusalCounted(long seed) {
    Run run = Run.generate(seed);
    HistoryChecker.Verdict v = HistoryChecker.check(run.events, run.end());
    assertThat(v.lost()).as("lost").isEmpty();
    assertThat(v.versionConflicts()).as("conflicts").isEmpty();
    assertThat(v.unconverged()).as("unconverged").isEmpty();
    assertThat(v.acknowledged()).isEqualTo(run.acked);
    assertThat(v.faults()).isEqualTo(run.faults);
    assertThat(v.refusalsMsByKind().values().stream().mapToLong(List::size).sum())
        .as("one refusal per room a fault stopped").isEqualTo(run.refusalWindows);
    assertThat(v.line()).startsWith("faults: cycles=" + run.faults + " kinds=").contains(" lost=0 version_conflicts=0 unconverged=0 ");
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void aLostWrite_eachKind_isFound(long seed) {
    Run run = Run.generate(seed);
    Set<String> keys = new HashSet<>(run.durableKeys);
    String dropped = run.durableKeys.get(new Random(seed).nextInt(run.durableKeys.size()));
    keys.remove(dropped);
    HistoryChecker.Verdict v = HistoryChecker.check(run.events, new End(run.roomsAtEnd(), keys, run.connected()));
    assertThat(v.lost()).singleElement().asString().contains(dropped);
    assertThat(v.versionConflicts()).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void aRoomRolledBackToAnEarlierVersion_losesWhatItAcknowledged_andLeavesItsClientsBehind(long seed) {
    Run run = Run.generate(seed);
    String room = run.roomWithTwoVersionsOrMore();
    long last = run.roomsAtEnd().get(room).version();
    Map<String, RoomAtEnd> rooms = new HashMap<>(run.roomsAtEnd());
    rooms.put(room, new RoomAtEnd(last - 1, run.timelineAt(room, last - 1)));
    HistoryChecker.Verdict v = HistoryChecker.check(run.events, new End(rooms, Set.copyOf(run.durableKeys), run.connected()));
    assertThat(v.lost()).isNotEmpty().allSatisfy(l -> assertThat(l).contains("room " + room).contains("ended at v" + (last - 1)));
    assertThat(v.unconverged()).isNotEmpty();
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void oneVersionNamingTwoTimelines_isAConflict_butAnOlderVersionArrivingLateIsNot(long seed) {
    Run run = Run.generate(seed);
    String room = run.roomWithTwoVersionsOrMore();
    long last = run.roomsAtEnd().get(room).version();
    String client = run.clientsIn(room).getFirst();
    List<Event> forked = new ArrayList<>(run.events);
    // A node that lost its lease commits its own v(last) beside the room's: the client on it is sent that one first.
    forked.add(0, new Observed(0, client, room, last, "{\"state\":\"paused\",\"forked\":true}"));
    HistoryChecker.Verdict v = HistoryChecker.check(forked, run.end());
    assertThat(v.versionConflicts()).singleElement().asString().contains("room " + room + " v" + last + " named 2 timelines");
    // It holds the forked one: by the protocol's rule the room's own v(last), sent later, is not newer.
    assertThat(v.unconverged()).singleElement().asString().contains("client " + client);

    // Broadcasts may arrive out of order: an older version after a newer one is ignored by the client, not a fault.
    List<Event> late = new ArrayList<>(run.events);
    late.add(new Observed(run.clock + 1, client, room, last - 1, run.timelineAt(room, last - 1)));
    HistoryChecker.Verdict lateVerdict = HistoryChecker.check(late, run.end());
    assertThat(lateVerdict.versionConflicts()).isEmpty();
    assertThat(lateVerdict.unconverged()).isEmpty();
  }

  @Test
  void refusals_runFromTheFirstOperationNotTaken_toTheNextAcknowledged_laidToTheFaultBeforeThem() {
    List<Event> e = new ArrayList<>();
    e.add(new Sent(0, "a", "r", 1, "pause", null));
    e.add(new Answered(5, "a", 1, Outcome.ACKED, 1, "p1"));
    e.add(new Observed(5, "a", "r", 1, "p1"));
    e.add(new FaultStarted(100, "redis-primary-kill", "redis"));
    e.add(new Sent(200, "a", "r", 2, "play", null));
    e.add(new Answered(210, "a", 2, Outcome.UNAVAILABLE, -1, null));
    e.add(new Sent(300, "a", "r", 3, "chat", "line-3"));
    e.add(new Answered(300, "a", 3, Outcome.UNKNOWN, -1, null)); // no answer: still refusing, not a new window
    e.add(new Sent(900, "a", "r", 4, "play", null));
    e.add(new Answered(2_210, "a", 4, Outcome.ACKED, 2, "p2"));
    e.add(new Observed(2_210, "a", "r", 2, "p2"));
    e.add(new FaultEnded(2_500, "redis-primary-kill", "redis"));
    e.add(new Sent(2_600, "a", "r", 5, "seek", null));
    e.add(new Answered(2_610, "a", 5, Outcome.DECLINED, -1, null)); // a conflict is an answer, not an outage
    HistoryChecker.Verdict v = HistoryChecker.check(e,
        new End(Map.of("r", new RoomAtEnd(2, "p2")), Set.of(), Map.of("a", "r")));
    assertThat(v.refusalsMsByKind()).isEqualTo(Map.of("redis-primary-kill", List.of(2_000L)));
    assertThat(v.refusalP99S("redis-primary-kill")).isEqualTo(2.0);
    assertThat(v.line()).isEqualTo(
        "faults: cycles=1 kinds=1 acknowledged=2 lost=0 version_conflicts=0 unconverged=0 refusal_p99_s=2.0");
    assertThat(v.kindsLine()).isEqualTo("faults-by-kind: redis-primary-kill=1/2.0s");
  }

  @Test
  void aSignUp_belongsToNoRoom_soItsRefusalsAreNoRoomsButItsLossIsALoss() {
    List<Event> e = List.of(
        new FaultStarted(0, "redis-primary-kill", "redis"),
        new Sent(10, "signups", null, 1, "register", "account:a@example.org"),
        new Answered(20, "signups", 1, Outcome.UNAVAILABLE, -1, null),
        new Sent(9_000, "signups", null, 2, "register", "account:b@example.org"),
        new Answered(9_010, "signups", 2, Outcome.ACKED, -1, null),
        new Sent(9_100, "signups", null, 3, "register", "account:c@example.org"),
        new Answered(9_110, "signups", 3, Outcome.ACKED, -1, null));
    HistoryChecker.Verdict v = HistoryChecker.check(e, new End(Map.of(), Set.of("account:b@example.org"), Map.of()));
    assertThat(v.refusalsMsByKind()).isEmpty();
    assertThat(v.acknowledged()).isEqualTo(2);
    assertThat(v.lost()).singleElement().asString().contains("account:c@example.org");
  }

  @Test
  void aRoomThatNeverTookAnOperationAgain_refusedUntilTheRunsEnd_andRefusalsWithoutAFaultAreCalledSo() {
    List<Event> e = List.of(
        new Sent(0, "a", "r", 1, "play", null),
        new Answered(10, "a", 1, Outcome.UNAVAILABLE, -1, null),
        new Sent(20, "b", "s", 2, "play", null),
        new Answered(30, "b", 2, Outcome.ACKED, 1, "p1"),
        new FaultStarted(40, "node-kill", "node-1"),
        new Sent(50, "b", "s", 3, "pause", null),
        new Answered(60, "b", 3, Outcome.UNKNOWN, -1, null),
        new FaultEnded(9_060, "node-kill", "node-1"));
    HistoryChecker.Verdict v = HistoryChecker.check(e,
        new End(Map.of("r", new RoomAtEnd(0, "p0"), "s", new RoomAtEnd(1, "p1")), Set.of(), Map.of()));
    assertThat(v.refusalsMsByKind()).isEqualTo(Map.of(HistoryChecker.NO_FAULT, List.of(9_050L), "node-kill", List.of(9_000L)));
  }

  @Test
  void anAnswerToAnOperationNeverSent_isAFaultOfTheRecording() {
    assertThatThrownBy(() -> HistoryChecker.check(List.of(new Answered(1, "a", 7, Outcome.ACKED, 1, "x")),
        new End(Map.of(), Set.of(), Map.of()))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("op 7");
  }

  /** A correct deployment simulated: every acknowledged intent is the room's next version, told to all its clients. */
  private static final class Run {
    final List<Event> events = new ArrayList<>();
    final List<String> durableKeys = new ArrayList<>();
    final Map<String, List<String>> timelines = new HashMap<>();
    final Map<String, String> clientRoom = new HashMap<>();
    long clock;
    long acked;
    int faults;
    int refusalWindows;

    static Run generate(long seed) {
      Random random = new Random(seed);
      Run run = new Run();
      List<String> rooms = List.of("r0", "r1", "r2");
      for (String room : rooms) run.timelines.put(room, new ArrayList<>(List.of(room + "@v0")));
      for (int c = 0; c < 6; c++) run.clientRoom.put("c" + c, rooms.get(c % rooms.size()));
      long op = 0;
      String[] kinds = {"redis-primary-kill", "pg-primary-kill", "node-kill", "node-pause"};
      long faultUntil = -1;
      Set<String> refusing = new HashSet<>();
      for (int step = 0; step < 400; step++) {
        run.clock += 1 + random.nextInt(50);
        if (faultUntil < 0 && random.nextInt(40) == 0) {
          String kind = kinds[random.nextInt(kinds.length)];
          run.events.add(new FaultStarted(run.clock, kind, "target"));
          run.faults++;
          faultUntil = run.clock + 200 + random.nextInt(2_000);
          continue;
        }
        if (faultUntil >= 0 && run.clock >= faultUntil) {
          run.events.add(new FaultEnded(run.clock, "any", "target"));
          faultUntil = -1;
        }
        String client = "c" + random.nextInt(6);
        String room = run.clientRoom.get(client);
        long id = ++op;
        boolean chat = random.nextBoolean();
        String key = chat ? "line-" + id : null;
        run.events.add(new Sent(run.clock, client, room, id, chat ? "chat" : "intent", key));
        long answeredAt = run.clock + random.nextInt(5);
        run.clock = answeredAt + 1; // what is told of the answer comes before the next step
        if (faultUntil >= 0) {
          run.events.add(new Answered(answeredAt, client, id, random.nextBoolean() ? Outcome.UNAVAILABLE : Outcome.UNKNOWN, -1, null));
          if (refusing.add(room)) run.refusalWindows++;
          continue;
        }
        if (random.nextInt(10) == 0) {
          run.events.add(new Answered(answeredAt, client, id, Outcome.DECLINED, -1, null));
          continue;
        }
        refusing.remove(room);
        run.acked++;
        if (chat) {
          run.events.add(new Answered(answeredAt, client, id, Outcome.ACKED, -1, null));
          run.durableKeys.add(key);
          continue;
        }
        List<String> history = run.timelines.get(room);
        String timeline = room + "@v" + history.size() + "#" + random.nextInt(1_000);
        long version = history.size();
        history.add(timeline);
        run.events.add(new Answered(answeredAt, client, id, Outcome.ACKED, version, timeline));
        for (String other : run.clientsIn(room)) run.events.add(new Observed(run.clock, other, room, version, timeline));
      }
      // Refusals still open at the end are counted too, until the run's last event.
      return run;
    }

    End end() {
      return new End(roomsAtEnd(), Set.copyOf(durableKeys), connected());
    }

    Map<String, RoomAtEnd> roomsAtEnd() {
      Map<String, RoomAtEnd> out = new HashMap<>();
      timelines.forEach((room, h) -> out.put(room, new RoomAtEnd(h.size() - 1, h.getLast())));
      return out;
    }

    Map<String, String> connected() {
      // Every client that was sent its room's last version is connected at the end.
      Map<String, String> out = new HashMap<>();
      clientRoom.forEach((client, room) -> {
        if (timelines.get(room).size() > 1) out.put(client, room);
      });
      return out;
    }

    String timelineAt(String room, long version) {
      return timelines.get(room).get((int) version);
    }

    String roomWithTwoVersionsOrMore() {
      return timelines.entrySet().stream().filter(e -> e.getValue().size() > 2).map(Map.Entry::getKey).sorted()
          .findFirst().orElseThrow();
    }

    List<String> clientsIn(String room) {
      return clientRoom.entrySet().stream().filter(e -> e.getValue().equals(room)).map(Map.Entry::getKey).sorted().toList();
    }
  }
}
