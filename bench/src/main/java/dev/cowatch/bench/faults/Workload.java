package dev.cowatch.bench.faults;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What a fault run's people do while the faults happen, each in a thread of their own at a seeded pace: viewers play,
 * pause, seek and chat; each room's owner renames the room and changes a member's role; someone signs up now and then.
 * Renames and roles are registers written by one writer in turn: each write's key names the register, its place in
 * the writer's order and its value, from which {@link FaultRun} judges what must have survived.
 */
final class Workload {
  /** A room of the run: its id, its owner and each viewer's user id. */
  record Room(String id, Person owner, List<String> userIds, List<RecordingClient> clients) {}

  private final AtomicBoolean running = new AtomicBoolean(true);
  private final List<Thread> threads = new ArrayList<>();
  private final HttpOps http;

  Workload(HttpOps http) {
    this.http = http;
  }

  void start(List<Room> rooms, long seed) {
    int n = 0;
    for (Room room : rooms) {
      for (RecordingClient c : room.clients()) {
        Random random = new Random(seed + n++);
        threads.add(Thread.ofPlatform().name("viewer-" + c.name()).start(() -> viewer(c, random)));
      }
      Random random = new Random(seed + 1_000 + n++);
      threads.add(Thread.ofPlatform().name("owner-" + room.id()).start(() -> owner(room, random)));
    }
    Random random = new Random(seed + 2_000);
    threads.add(Thread.ofPlatform().name("signups").start(() -> signups(random)));
  }

  /** Stops every person and waits for their last operation's answer. */
  void stop() throws InterruptedException {
    running.set(false);
    for (Thread t : threads) t.join(RecordingClient.ANSWER_WITHIN.toMillis() + 10_000);
  }

  private void viewer(RecordingClient c, Random random) {
    int lines = 0;
    while (pause(random, 400, 1_200)) {
      int pick = random.nextInt(100);
      if (pick < 20) c.intent("play", null);
      else if (pick < 35) c.intent("pause", (long) random.nextInt(3_600_000));
      else if (pick < 55) c.intent("seek", (long) random.nextInt(3_600_000));
      else c.chat("line " + c.name() + " " + (++lines));
    }
  }

  private void owner(Room room, Random random) {
    int renames = 0;
    int[] roleWrites = new int[room.userIds().size()];
    try {
      while (pause(random, 1_500, 3_500)) {
        if (random.nextBoolean()) {
          int seq = ++renames;
          String name = "Room " + room.id() + " take " + seq;
          http.recorded("owner-" + room.id(), room.id(), "rename", registerKey("name:" + room.id(), seq, name),
              "PATCH", "/api/rooms/" + room.id(), room.owner().token(), "{\"name\":\"" + name + "\"}");
        } else {
          // The owner's own user is the first; the others are changed.
          int who = 1 + random.nextInt(room.userIds().size() - 1);
          String user = room.userIds().get(who);
          String role = random.nextBoolean() ? "moderator" : "member";
          http.recorded("owner-" + room.id(), room.id(), "role",
              registerKey("role:" + room.id() + ":" + user, ++roleWrites[who], role), "PUT",
              "/api/rooms/" + room.id() + "/members/" + user + "/role", room.owner().token(), "{\"role\":\"" + role + "\"}");
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void signups(Random random) {
    int n = 0;
    try {
      while (pause(random, 2_000, 4_000)) {
        String email = "fault-" + Long.toHexString(random.nextLong()) + "-" + (++n) + "@example.org";
        http.recorded("signups", null, "register", "account:" + email, "POST", "/api/auth/register", null,
            "{\"email\":\"" + email + "\",\"password\":\"" + HttpOps.PASSWORD + "\",\"displayName\":\"Fault " + n
                + "\"}");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** A register write's durable key: register, the writer's sequence number, value. */
  static String registerKey(String register, int seq, String value) {
    return "reg|" + register + "|" + seq + "|" + value;
  }

  private boolean pause(Random random, int fromMs, int toMs) {
    if (!running.get()) return false;
    try {
      Thread.sleep(fromMs + random.nextInt(toMs - fromMs));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
    return running.get();
  }
}
