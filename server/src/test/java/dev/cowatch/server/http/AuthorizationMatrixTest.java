package dev.cowatch.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cowatch.protocol.ServerMessage;
import dev.cowatch.server.RawSocket;
import dev.cowatch.server.TestServer;
import dev.cowatch.server.http.Api.Reply;
import dev.cowatch.server.http.Api.Who;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every room endpoint and every playback intent, for each role and for a stranger: allowed or
 * refused exactly as docs/api.md's permission table says. Each case gets a fresh room.
 */
class AuthorizationMatrixTest {
  enum As { OWNER, MODERATOR, MEMBER, GUEST, STRANGER }

  private static final Set<As> ANY_ROLE = EnumSet.of(As.OWNER, As.MODERATOR, As.MEMBER, As.GUEST);
  private static final Set<As> STAFF = EnumSet.of(As.OWNER, As.MODERATOR);
  private static final Set<As> OWNER = EnumSet.of(As.OWNER);
  private static final Set<As> NOT_GUESTS = EnumSet.of(As.OWNER, As.MODERATOR, As.MEMBER);
  private static final Set<As> EVERYONE = EnumSet.allOf(As.class);

  private static TestServer ts;
  private static Api api;
  private static Who owner;
  private static Who moderator;
  private static Who member;
  private static Who guest;
  private static Who stranger;
  private static Who target;

  @BeforeAll
  static void identities() {
    ts = new TestServer();
    api = new Api(ts);
    owner = api.account("Olive");
    moderator = api.account("Mona");
    member = api.account("Milo");
    guest = api.guest("Gus");
    stranger = api.account("Stan");
    target = api.account("Tara");
  }

  @AfterAll
  static void stop() {
    api.close();
    ts.close();
  }

  /** One request, made in a fresh room where everyone but the stranger holds their role. */
  record Endpoint(String name, String method, String path, String body, Set<As> allowed) {
    @Override
    public String toString() {
      return name;
    }
  }

  static List<Endpoint> endpoints() {
    return List.of(
        new Endpoint("read room", "GET", "/api/rooms/{room}", null, EVERYONE),
        new Endpoint("list members", "GET", "/api/rooms/{room}/members", null, ANY_ROLE),
        new Endpoint("change settings", "PATCH", "/api/rooms/{room}", "{\"name\":\"Renamed\"}", STAFF),
        new Endpoint("set password", "PATCH", "/api/rooms/{room}", "{\"password\":\"letmein-please\"}", STAFF),
        new Endpoint("delete room", "DELETE", "/api/rooms/{room}", null, OWNER),
        new Endpoint("change role", "PUT", "/api/rooms/{room}/members/{target}/role", "{\"role\":\"moderator\"}", OWNER),
        new Endpoint("sync figures", "GET", "/api/rooms/{room}/sync", null, STAFF),
        new Endpoint("kick", "POST", "/api/rooms/{room}/members/{target}/kick", null, STAFF),
        new Endpoint("ban", "POST", "/api/rooms/{room}/bans", "{\"userId\":\"{target}\"}", STAFF),
        new Endpoint("unban", "DELETE", "/api/rooms/{room}/bans/{target}", null, STAFF),
        new Endpoint("transfer ownership", "POST", "/api/rooms/{room}/owner", "{\"userId\":\"{target}\"}", OWNER),
        new Endpoint("create invite", "POST", "/api/rooms/{room}/invites", "{}", NOT_GUESTS),
        new Endpoint("list invites", "GET", "/api/rooms/{room}/invites", null, NOT_GUESTS),
        new Endpoint("revoke invite", "DELETE", "/api/rooms/{room}/invites/{invite}", null, NOT_GUESTS),
        new Endpoint("my rooms", "GET", "/api/me/rooms", null, EVERYONE),
        new Endpoint("directory", "GET", "/api/directory?q=room", null, EVERYONE));
  }

  static Stream<Arguments> endpointCases() {
    List<Arguments> cases = new ArrayList<>();
    for (Endpoint e : endpoints()) {
      for (As as : As.values()) cases.add(Arguments.of(e, as));
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0} as {1}")
  @MethodSource("endpointCases")
  void every_endpoint_for_every_role(Endpoint endpoint, As as) {
    Fixture f = fixture("unlisted", "everyone");
    String path = endpoint.path().replace("{room}", f.roomId).replace("{target}", target.userId())
        .replace("{invite}", f.inviteId);
    String body = endpoint.body() == null ? null : endpoint.body().replace("{target}", target.userId());

    Reply reply = api.call(endpoint.method(), path, body, who(as).token());

    if (endpoint.allowed().contains(as)) {
      assertThat(reply.status()).as("%s as %s: %s", endpoint, as, reply.body()).isBetween(200, 299);
    } else {
      assertThat(reply.status()).as("%s as %s: %s", endpoint, as, reply.body()).isEqualTo(403);
      assertThat(reply.contentType()).startsWith("application/problem+json");
    }
  }

  enum Intent {
    PLAY("{\"type\":\"play\",\"version\":%d,\"ref\":\"x\"}"),
    PAUSE("{\"type\":\"pause\",\"version\":%d,\"ref\":\"x\"}"),
    SEEK("{\"type\":\"seek\",\"version\":%d,\"positionMs\":5000,\"ref\":\"x\"}"),
    RATE("{\"type\":\"setRate\",\"version\":%d,\"rate\":1.5,\"ref\":\"x\"}"),
    MEDIA("{\"type\":\"setMedia\",\"version\":%d,\"mediaId\":\"other.mp4\",\"ref\":\"x\"}");

    final String json;

    Intent(String json) {
      this.json = json;
    }
  }

  static Stream<Arguments> intentCases() {
    List<Arguments> cases = new ArrayList<>();
    for (String mode : List.of("everyone", "moderators")) {
      for (Intent intent : Intent.values()) {
        for (As as : As.values()) cases.add(Arguments.of(mode, intent, as));
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{1} as {2} in a room where {0} controls")
  @MethodSource("intentCases")
  void every_intent_for_every_role(String mode, Intent intent, As as) {
    Fixture f = fixture("private", mode);
    try (RawSocket socket = RawSocket.open(ts.wsUri(f.roomId))) {
      ServerMessage.Joined joined = socket.helloWithToken(who(as).name(), who(as).token());
      if (as == As.STRANGER) {
        assertThat(joined).as("a stranger does not get into a private room").isNull();
        assertThat(socket.awaitError("invite_required")).isNotNull();
        return;
      }
      if (intent == Intent.PAUSE) {
        // Something to pause: the owner starts playback first (as the owner always may).
        try (RawSocket starter = RawSocket.open(ts.wsUri(f.roomId))) {
          starter.helloWithToken(owner.name(), owner.token());
          starter.send(Intent.PLAY.json.formatted(joined.room().timeline().version()));
          dev.cowatch.server.Timings.within(RawSocket.WAIT).until(() ->
              socket.messages(ServerMessage.TimelineUpdate.class).size() == 1);
        }
      }
      long version = socket.messages(ServerMessage.TimelineUpdate.class).stream()
          .mapToLong(u -> u.timeline().version()).max().orElse(joined.room().timeline().version());
      int updatesBefore = socket.messages(ServerMessage.TimelineUpdate.class).size();
      socket.send(intent.json.formatted(version));

      boolean allowed = allowed(mode, intent, as);
      if (allowed) {
        dev.cowatch.server.Timings.within(RawSocket.WAIT).until(() ->
            socket.messages(ServerMessage.TimelineUpdate.class).size() > updatesBefore);
        assertThat(socket.messages(ServerMessage.Error.class)).isEmpty();
      } else {
        assertThat(socket.awaitError("not_allowed").ref()).isEqualTo("x");
        assertThat(socket.messages(ServerMessage.TimelineUpdate.class)).hasSize(updatesBefore);
      }
    }
  }

  /** The permission table of docs/api.md for playback and media. */
  private static boolean allowed(String mode, Intent intent, As as) {
    if (as == As.OWNER || as == As.MODERATOR) return true;
    if (mode.equals("moderators")) return false;
    return intent != Intent.MEDIA || as == As.MEMBER;
  }

  private record Fixture(String roomId, String inviteId) {}

  /**
   * A room owned by the owner, where the moderator, member, guest and target hold their roles
   * (let in by an invite, so it works for private rooms too) and the stranger holds none.
   */
  private static Fixture fixture(String visibility, String controlMode) {
    Reply created = api.call("POST", "/api/rooms", "{\"name\":\"Matrix room\",\"visibility\":\"" + visibility
        + "\",\"controlMode\":\"" + controlMode + "\",\"mediaId\":\"film.mp4\"}", owner.token());
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    String room = created.json().get("id").asText();
    Reply invite = api.call("POST", "/api/rooms/" + room + "/invites", "{\"maxUses\":10}", owner.token());
    String token = invite.json().get("token").asText();
    for (Who w : List.of(moderator, member, guest, target)) {
      Reply entered = api.call("POST", "/api/rooms/" + room + "/access", "{\"invite\":\"" + token + "\"}", w.token());
      assertThat(entered.status()).as(entered.body()).isEqualTo(200);
    }
    Reply promoted = api.call("PUT", "/api/rooms/" + room + "/members/" + moderator.userId() + "/role",
        "{\"role\":\"moderator\"}", owner.token());
    assertThat(promoted.status()).as(promoted.body()).isEqualTo(200);
    return new Fixture(room, invite.json().get("id").asText());
  }

  private static Who who(As as) {
    return switch (as) {
      case OWNER -> owner;
      case MODERATOR -> moderator;
      case MEMBER -> member;
      case GUEST -> guest;
      case STRANGER -> stranger;
    };
  }
}
