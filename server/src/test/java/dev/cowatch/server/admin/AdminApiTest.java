package dev.cowatch.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cowatch.core.room.UserId;
import dev.cowatch.protocol.CloseCodes;
import dev.cowatch.protocol.ServerMessage;
import dev.cowatch.server.RawSocket;
import dev.cowatch.server.TestServer;
import dev.cowatch.server.Timings;
import dev.cowatch.server.http.Api;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The site administrators' API against the real server: everyone else is refused with 403, and each
 * action does what it says (and lands in the audit log, whose chain stays intact).
 */
class AdminApiTest {
  private static final String PASSWORD = "correct horse battery";
  private static final Duration WITHIN = Duration.ofSeconds(2);
  private static TestServer ts;
  private static Api api;
  private static Account admin;

  record Account(String userId, String email, String token, String name) {}

  @BeforeAll
  static void start() {
    ts = new TestServer();
    api = new Api(ts);
    admin = register("Ada");
    ts.server().accounts().services().standing().grantAdmin(new UserId(admin.userId()), System.currentTimeMillis());
  }

  @AfterAll
  static void stop() {
    api.close();
    ts.close();
  }

  private static Account register(String name) {
    String email = name.toLowerCase(java.util.Locale.ROOT) + "-" + Long.toHexString(System.nanoTime()) + "@example.test";
    Api.Reply r = api.call("POST", "/api/auth/register", "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD
        + "\",\"displayName\":\"" + name + "\"}", null);
    assertThat(r.status()).isEqualTo(201);
    return new Account(r.json().get("user").get("id").asText(), email, r.json().get("accessToken").asText(), name);
  }

  private static Api.Reply signIn(Account a) {
    return api.call("POST", "/api/auth/login", "{\"email\":\"" + a.email() + "\",\"password\":\"" + PASSWORD + "\"}",
        null);
  }

  private static String room(Account owner, String name) {
    Api.Reply r = api.call("POST", "/api/rooms", "{\"name\":\"" + name + "\",\"mediaId\":\"https://example.org/film.mp4\"}",
        owner.token());
    assertThat(r.status()).isEqualTo(201);
    return r.json().get("id").asText();
  }

  private static RawSocket joined(String room, Account who) {
    RawSocket s = RawSocket.open(ts.wsUri(room));
    assertThat(s.helloWithToken(who.name(), who.token())).as(who.name() + " joined").isNotNull();
    return s;
  }

  @Test
  void everyAdminRoute_refusesAnAccountThatIsNotAnAdmin_with403_andAGuest_too() {
    Account bob = register("Bob");
    String guest = api.guest("Gus").token();
    List<String[]> routes = List.of(
        new String[] {"GET", "/api/admin/rooms", null},
        new String[] {"POST", "/api/admin/rooms/abcdefgh/close", "{\"reason\":\"spam\"}"},
        new String[] {"GET", "/api/admin/bans", null},
        new String[] {"POST", "/api/admin/bans", "{\"user\":\"" + admin.email() + "\",\"reason\":\"x\"}"},
        new String[] {"DELETE", "/api/admin/bans/" + bob.userId(), null},
        new String[] {"POST", "/api/admin/notices", "{\"text\":\"hello\",\"minutes\":5}"},
        new String[] {"DELETE", "/api/admin/notices/n1", null},
        new String[] {"GET", "/api/admin/audit", null});
    List<String> answers = new ArrayList<>();
    for (String[] route : routes) {
      for (String token : new String[] {bob.token(), guest}) {
        Api.Reply r = api.call(route[0], route[1], route[2], token);
        answers.add(route[0] + " " + route[1] + " " + r.status() + " " + r.problemType());
      }
      assertThat(api.call(route[0], route[1], route[2], null).status()).as("no token").isEqualTo(401);
    }
    assertThat(answers).allSatisfy(a -> assertThat(a).endsWith(" 403 not-an-admin"));
  }

  /** The web app asks on every page whether to show its Admin link: a question anyone signed in gets answered. */
  @Test
  void whetherTheCallerIsAnAdmin_isAnsweredToAnyoneSignedIn() {
    Account bob = register("Bobby");
    String guest = api.guest("Gus").token();

    assertThat(api.call("GET", "/api/admin", null, admin.token()).json().get("admin").asBoolean()).isTrue();
    Api.Reply asBob = api.call("GET", "/api/admin", null, bob.token());
    assertThat(asBob.status()).isEqualTo(200);
    assertThat(asBob.json().get("admin").asBoolean()).isFalse();
    assertThat(asBob.json().get("userId").asText()).isEqualTo(bob.userId());
    assertThat(api.call("GET", "/api/admin", null, guest).json().get("admin").asBoolean()).as("a guest").isFalse();
    assertThat(api.call("GET", "/api/admin", null, null).status()).as("no token").isEqualTo(401);
  }

  @Test
  void liveRooms_listTheirMembersAndActivity() {
    Account owner = register("Olga");
    String room = room(owner, "Friday film");
    try (RawSocket s = joined(room, owner)) {
      s.send("{\"type\":\"play\",\"version\":" + s.messages(ServerMessage.Joined.class).getFirst().room().timeline().version() + "}");
      Timings.within(WITHIN).until(() -> !s.messages(ServerMessage.TimelineUpdate.class).isEmpty());

      JsonNode rooms = api.call("GET", "/api/admin/rooms", null, admin.token()).json().get("rooms");
      JsonNode mine = null;
      for (JsonNode r : rooms) if (r.get("id").asText().equals(room)) mine = r;
      assertThat(mine).as("the live room is listed").isNotNull();
      assertThat(mine.get("name").asText()).isEqualTo("Friday film");
      assertThat(mine.get("ownerName").asText()).isEqualTo("Olga");
      assertThat(mine.get("state").asText()).isEqualTo("playing");
      assertThat(mine.get("connected").asInt()).isEqualTo(1);
      assertThat(mine.get("timelineVersion").asLong()).isGreaterThan(0);
      assertThat(mine.get("members").get(0).get("name").asText()).isEqualTo("Olga");
      assertThat(mine.get("members").get(0).get("role").asText()).isEqualTo("owner");
      assertThat(mine.get("members").get(0).get("connected").asBoolean()).isTrue();
    }
  }

  @Test
  void closingARoom_tellsItsMembersItWasClosed_andItIsGoneForGood() {
    Account owner = register("Cleo");
    String room = room(owner, "Noisy room");
    try (RawSocket s = joined(room, owner)) {
      Api.Reply close = api.call("POST", "/api/admin/rooms/" + room + "/close", "{\"reason\":\"spam links\"}",
          admin.token());
      assertThat(close.status()).isEqualTo(204);

      assertThat(s.awaitClose(WITHIN)).isEqualTo(CloseCodes.ROOM_NOT_FOUND);
      assertThat(s.messages(ServerMessage.Bye.class)).extracting(ServerMessage.Bye::reason).containsExactly("closed");
    }
    assertThat(api.call("GET", "/api/rooms/" + room, null, owner.token()).status()).isEqualTo(404);
    assertThat(api.call("POST", "/api/admin/rooms/" + room + "/close", "{\"reason\":\"again\"}", admin.token()).status())
        .isEqualTo(404);
    assertThat(api.call("POST", "/api/admin/rooms/" + room(owner, "x") + "/close", "{}", admin.token()).status())
        .as("a reason is required").isEqualTo(422);
    assertThat(auditActions()).contains("ROOM_CLOSED");
  }

  @Test
  void banningAnAccount_closesItsSocketAtOnce_refusesItsTokensAndSignIn_untilUnbanned() {
    Account mallory = register("Mallory");
    Account owner = register("Pia");
    String room = room(owner, "Public room");
    try (RawSocket s = joined(room, mallory); RawSocket other = joined(room, owner)) {
      long before = System.nanoTime();
      Api.Reply ban = api.call("POST", "/api/admin/bans", "{\"user\":\"" + mallory.email()
          + "\",\"reason\":\"harassment in chat\"}", admin.token());
      assertThat(ban.status()).isEqualTo(201);

      assertThat(s.awaitClose(WITHIN)).as("the banned account's socket").isEqualTo(CloseCodes.UNAUTHORIZED);
      assertThat((System.nanoTime() - before) / 1_000_000).as("ms until closed").isLessThan(WITHIN.toMillis());
      assertThat(other.isClosed()).as("someone else's socket").isFalse();
    }
    assertThat(api.call("GET", "/api/me", null, mallory.token()).status()).isEqualTo(401);
    Api.Reply refused = signIn(mallory);
    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.problemType()).isEqualTo("account-banned");
    assertThat(refused.json().get("reason").asText()).isEqualTo("harassment in chat");
    assertThat(api.call("GET", "/api/admin/bans", null, admin.token()).json().get("bans").toString())
        .contains(mallory.userId(), "harassment in chat");

    assertThat(api.call("DELETE", "/api/admin/bans/" + mallory.userId(), null, admin.token()).status()).isEqualTo(204);
    assertThat(signIn(mallory).status()).isEqualTo(200);
    assertThat(api.call("DELETE", "/api/admin/bans/" + mallory.userId(), null, admin.token()).status())
        .as("not banned any more").isEqualTo(404);
    assertThat(auditActions()).contains("ACCOUNT_BANNED", "ACCOUNT_UNBANNED");
  }

  @Test
  void banning_refusesUnknownUsers_emptyReasons_andAdmins() {
    Account bob = register("Bert");
    assertThat(api.call("POST", "/api/admin/bans", "{\"user\":\"nobody@example.test\",\"reason\":\"x\"}", admin.token())
        .problemType()).isEqualTo("user-not-found");
    assertThat(api.call("POST", "/api/admin/bans", "{\"user\":\"" + bob.userId() + "\",\"reason\":\"  \"}", admin.token())
        .status()).isEqualTo(422);
    assertThat(api.call("POST", "/api/admin/bans", "{\"user\":\"" + admin.userId() + "\",\"reason\":\"x\"}", admin.token())
        .problemType()).isEqualTo("cannot-ban-yourself");
    assertThat(signIn(bob).status()).as("nothing was banned").isEqualTo(200);
  }

  @Test
  void aNotice_reachesLiveRoomsAtOnce_isListedForEveryone_untilWithdrawn() {
    Account owner = register("Nora");
    String room = room(owner, "Notice room");
    try (RawSocket s = joined(room, owner)) {
      Api.Reply posted = api.call("POST", "/api/admin/notices",
          "{\"text\":\"Maintenance at 22:00 UTC\",\"minutes\":30}", admin.token());
      assertThat(posted.status()).isEqualTo(201);
      String id = posted.json().get("id").asText();
      long expires = posted.json().get("expiresAtMs").asLong();
      assertThat(expires - System.currentTimeMillis()).isBetween(29 * 60_000L, 30 * 60_000L);

      Timings.within(WITHIN).until(() -> s.messages(ServerMessage.Notice.class).stream().anyMatch(n -> n.id().equals(id)));
      assertThat(api.call("GET", "/api/notices", null, null).json().get("notices").toString())
          .as("open to anyone, signed in or not").contains("Maintenance at 22:00 UTC");

      assertThat(api.call("DELETE", "/api/admin/notices/" + id, null, admin.token()).status()).isEqualTo(204);
      Timings.within(WITHIN).until(() -> s.messages(ServerMessage.Notice.class).stream()
          .anyMatch(n -> n.id().equals(id) && n.expiresAtMs() <= System.currentTimeMillis()));
      assertThat(api.call("GET", "/api/notices", null, null).json().get("notices").toString()).doesNotContain(id);
    }
    assertThat(api.call("POST", "/api/admin/notices", "{\"text\":\"x\",\"minutes\":20000}", admin.token()).status())
        .as("longer than a week").isEqualTo(422);
    assertThat(api.call("POST", "/api/admin/notices", "{\"text\":\"\",\"minutes\":5}", admin.token()).status())
        .isEqualTo(422);
    assertThat(auditActions()).contains("NOTICE_POSTED", "NOTICE_WITHDRAWN");
  }

  @Test
  void theAuditLog_isPagedNewestFirst_withItsChainVerified() {
    for (int i = 0; i < 3; i++) register("Page" + i);
    JsonNode first = api.call("GET", "/api/admin/audit?limit=2", null, admin.token()).json();
    assertThat(first.get("verification").get("status").asText()).isEqualTo("intact");
    assertThat(first.get("verification").get("rows").asLong()).isGreaterThanOrEqualTo(3);
    assertThat(first.get("entries")).hasSize(2);
    long newest = first.get("entries").get(0).get("seq").asLong();
    long next = first.get("nextBefore").asLong();
    assertThat(first.get("entries").get(1).get("seq").asLong()).isEqualTo(newest - 1).isEqualTo(next);
    assertThat(first.get("entries").get(0).get("details").isObject()).as("details as JSON").isTrue();

    JsonNode second = api.call("GET", "/api/admin/audit?limit=2&before=" + next, null, admin.token()).json();
    assertThat(second.get("entries").get(0).get("seq").asLong()).isEqualTo(next - 1);
    assertThat(api.call("GET", "/api/admin/audit?before=soon", null, admin.token()).status()).isEqualTo(422);
  }

  private static List<String> auditActions() {
    JsonNode page = api.call("GET", "/api/admin/audit?limit=200", null, admin.token()).json();
    List<String> actions = new ArrayList<>();
    page.get("entries").forEach(e -> actions.add(e.get("action").asText()));
    assertThat(page.get("verification").get("status").asText()).isEqualTo("intact");
    return actions;
  }
}
