package dev.cowatch.server.crash;

import static dev.cowatch.server.crash.Api.expect;

import dev.cowatch.core.room.PlaybackState;
import dev.cowatch.core.room.Timeline;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A seeded random mix of the writes people make — accounts, rooms, settings, roles, chat, invites,
 * upload metadata and bytes, showings, playback intents — each recorded in the ledger once the server
 * answered it. Runs until a write fails (the server was killed); what was in flight then is recorded
 * as allowed but not required.
 */
final class Workload {
  /** Chat lines a room takes, so that checking a room pages through a bounded history. */
  private static final int CHAT_PER_ROOM = 40;
  private static final int UPLOAD_CHUNK = 1024;

  private final Random random;
  private final Acknowledged ledger;
  private final Api api;
  private final RoomClients clients;
  private Runnable inFlight = () -> {};
  private Exception stoppedBy;
  private long stoppedAtNanos;

  Workload(long seed, Acknowledged ledger, Api api, RoomClients clients) {
    this.random = new Random(seed);
    this.ledger = ledger;
    this.api = api;
    this.clients = clients;
  }

  /** Writes until one fails; the failure is expected (the server died) and what was in flight is noted. */
  void runUntilKilled() {
    try {
      while (true) {
        inFlight = () -> {};
        step();
      }
    } catch (Exception killed) {
      stoppedAtNanos = System.nanoTime();
      stoppedBy = killed;
      inFlight.run();
    }
  }

  /** What stopped the writes, if that happened before {@code killedAtNanos}: a refusal, not the kill. */
  java.util.Optional<String> failedBefore(long killedAtNanos) {
    return stoppedAtNanos < killedAtNanos ? java.util.Optional.of(String.valueOf(stoppedBy)) : java.util.Optional.empty();
  }

  private void step() throws Exception {
    if (ledger.accounts.size() < 2 || random.nextInt(12) == 0) {
      register();
      return;
    }
    if (ledger.rooms.isEmpty() || random.nextInt(8) == 0) {
      createRoom();
      return;
    }
    switch (random.nextInt(8)) {
      case 0 -> rename();
      case 1 -> changeRole();
      case 2 -> chat();
      case 3 -> invite();
      case 4 -> upload();
      case 5 -> showing();
      default -> intent();
    }
  }

  private void register() throws Exception {
    String n = Long.toHexString(random.nextLong());
    String email = "crash-" + n + "@example.org";
    String password = "Crash-pw-" + n;
    String name = "Crash " + n.substring(0, 6);
    var r = expect(201, api.send("POST", "/api/auth/register", null,
        Map.of("email", email, "password", password, "displayName", name)));
    ledger.account(new Acknowledged.Account(email, password, r.body().path("accessToken").asText(),
        r.body().path("user").path("id").asText(), name, 0));
  }

  private Acknowledged.Account anyAccount() {
    List<Acknowledged.Account> all = new ArrayList<>(ledger.accounts.values());
    return all.get(random.nextInt(all.size()));
  }

  private Acknowledged.RoomState anyRoom() {
    List<Acknowledged.RoomState> all = new ArrayList<>(ledger.rooms.values());
    return all.get(random.nextInt(all.size()));
  }

  private void createRoom() throws Exception {
    Acknowledged.Account owner = anyAccount();
    String name = "Crash room " + random.nextInt(1_000_000);
    var r = expect(201, api.send("POST", "/api/rooms", owner.token(),
        Map.of("name", name, "mediaId", "https://example.org/film-" + random.nextInt(100) + ".mp4")));
    ledger.room(r.body().path("id").asText(), owner.token(), name, owner.userId());
  }

  private void rename() throws Exception {
    Acknowledged.RoomState room = anyRoom();
    String name = "Renamed " + random.nextInt(1_000_000);
    inFlight = () -> ledger.maybeRenamed(room, name);
    expect(200, api.send("PATCH", "/api/rooms/" + room.id, room.ownerToken, Map.of("name", name)));
    ledger.renamed(room, name);
  }

  private void changeRole() throws Exception {
    Acknowledged.RoomState room = anyRoom();
    Acknowledged.Account other = anyAccount();
    if (room.roles.containsKey(other.userId()) && room.roles.get(other.userId()).contains("owner")) return;
    if (!room.roles.containsKey(other.userId()) || room.roles.get(other.userId()).contains(null)) {
      inFlight = () -> ledger.maybeRole(room, other.userId(), "member");
      expect(200, api.send("POST", "/api/rooms/" + room.id + "/access", other.token(), Map.of()));
      ledger.role(room, other.userId(), "member");
      return;
    }
    String role = random.nextBoolean() ? "moderator" : "member";
    inFlight = () -> ledger.maybeRole(room, other.userId(), role);
    expect(200, api.send("PUT", "/api/rooms/" + room.id + "/members/" + other.userId() + "/role", room.ownerToken,
        Map.of("role", role)));
    ledger.role(room, other.userId(), role);
  }

  private void chat() throws Exception {
    Acknowledged.RoomState room = anyRoom();
    if (room.chat.size() >= CHAT_PER_ROOM) return;
    var c = clients.of(room.id, room.ownerToken);
    String text = "line " + Long.toHexString(random.nextLong());
    c.client().chat(text);
    long until = System.currentTimeMillis() + 5_000;
    while (!c.chatTexts().contains(text)) {
      if (System.currentTimeMillis() > until || !c.client().isConnected()) throw new IllegalStateException("no echo");
      Thread.sleep(2);
    }
    ledger.chat(room, text);
  }

  private void invite() throws Exception {
    Acknowledged.RoomState room = anyRoom();
    var r = expect(201, api.send("POST", "/api/rooms/" + room.id + "/invites", room.ownerToken, Map.of("maxUses", 5)));
    ledger.invite(room, r.body().path("token").asText());
  }

  private void upload() throws Exception {
    Acknowledged.Account owner = anyAccount();
    String meta = "filename " + Base64.getEncoder().encodeToString(("crash-" + random.nextInt(1000) + ".mp4")
        .getBytes(StandardCharsets.UTF_8));
    var created = expect(201, api.send("POST", "/api/uploads", owner.token(), null,
        Map.of("Tus-Resumable", "1.0.0", "Upload-Length", String.valueOf(4 * UPLOAD_CHUNK), "Upload-Metadata", meta)));
    String path = created.header("Location");
    ledger.upload(path, owner.token(), 0);
    inFlight = () -> ledger.maybeUploaded(path);
    byte[] chunk = new byte[UPLOAD_CHUNK];
    random.nextBytes(chunk);
    var patched = api.sendBytes(path, owner.token(), 0, chunk);
    expect(204, patched);
    ledger.upload(path, owner.token(), Long.parseLong(patched.header("Upload-Offset")));
  }

  private void showing() throws Exception {
    Acknowledged.Account planner = anyAccount();
    String title = "Crash showing " + random.nextInt(1_000_000);
    String startsAt = LocalDateTime.now(ZoneOffset.UTC).plusDays(1 + random.nextInt(30)).withNano(0)
        .format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm"));
    var r = expect(201, api.send("POST", "/api/showings", planner.token(), Map.of("title", title, "startsAt", startsAt,
        "timeZone", "UTC", "episodes", List.of(Map.of("mediaId", "https://example.org/ep.mp4", "durationMs", 60_000)))));
    ledger.showing(new Acknowledged.Showing(r.body().path("id").asText(), planner.token(), title, 0));
  }

  private void intent() throws Exception {
    Acknowledged.RoomState room = anyRoom();
    var c = clients.of(room.id, room.ownerToken);
    Timeline before = c.client().timeline();
    inFlight = () -> ledger.maybeIntent(room);
    long position = random.nextInt(600_000);
    switch (random.nextInt(3)) {
      case 0 -> {
        if (before.state() == PlaybackState.PAUSED) c.client().play();
        else c.client().pause(position);
      }
      case 1 -> c.client().seek(position);
      default -> {
        if (before.state() == PlaybackState.PAUSED) c.client().seek(position);
        else c.client().pause(null);
      }
    }
    long until = System.currentTimeMillis() + 5_000;
    while (c.client().timeline().version() <= before.version()) {
      if (System.currentTimeMillis() > until || !c.client().isConnected()) throw new IllegalStateException("no timeline");
      Thread.sleep(2);
    }
    // The new timeline went into the ledger as it arrived (RoomClients); nothing is in flight now.
    inFlight = () -> {};
  }
}
