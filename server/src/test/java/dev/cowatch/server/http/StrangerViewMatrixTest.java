package dev.cowatch.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cowatch.client.CowatchClient;
import dev.cowatch.core.room.RoomId;
import dev.cowatch.server.TestServer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The table of docs/api.md, "What strangers see", walked against the real server: every kind of room x
 * every kind of caller x every surface that shows a room (the snapshot, the preview, the {@code /r/{id}}
 * page with its Open Graph tags, the directory). Each surface carries some of the table's fields; for
 * each of those, the surface shows it exactly when the table says. The table here is the test's own copy
 * of the documented one, not the server's: a surface, or the server's table, that disagrees fails. A
 * field a surface does not carry (the queue on the preview) must not turn up there at all.
 *
 * <p>Every room plays the owner's upload (it has a poster), sits at 1:01 and has a film queued next.
 */
class StrangerViewMatrixTest {

  /** What the table may show (docs/api.md). */
  enum Field { EXISTENCE, NAME, OWNER, PRESENT, TITLE, POSITION, POSTER, TIMELINE, QUEUE, LISTED }

  enum Sight {
    EXISTS(EnumSet.of(Field.EXISTENCE)),
    NAMED(EnumSet.of(Field.EXISTENCE, Field.NAME)),
    CARD(EnumSet.of(Field.EXISTENCE, Field.NAME, Field.OWNER, Field.PRESENT, Field.TITLE, Field.POSITION, Field.POSTER)),
    WHOLE(EnumSet.of(Field.EXISTENCE, Field.NAME, Field.OWNER, Field.PRESENT, Field.TITLE, Field.POSITION, Field.POSTER,
        Field.TIMELINE, Field.QUEUE));

    final Set<Field> fields;

    Sight(Set<Field> fields) {
      this.fields = fields;
    }
  }

  enum Actor { ANONYMOUS, GUEST, ACCOUNT, BANNED, MEMBER }

  /** The rows: settings as a creator sends them, then the sight per actor in {@link Actor}'s order. */
  enum Kind {
    PUBLIC("\"visibility\":\"public\"", Sight.WHOLE, Sight.WHOLE, Sight.WHOLE, Sight.NAMED, Sight.WHOLE),
    UNLISTED("\"visibility\":\"unlisted\"", Sight.WHOLE, Sight.WHOLE, Sight.WHOLE, Sight.NAMED, Sight.WHOLE),
    PUBLIC_NO_GUESTS("\"visibility\":\"public\",\"guestsAllowed\":false",
        Sight.CARD, Sight.CARD, Sight.WHOLE, Sight.NAMED, Sight.WHOLE),
    UNLISTED_NO_GUESTS("\"visibility\":\"unlisted\",\"guestsAllowed\":false",
        Sight.CARD, Sight.CARD, Sight.WHOLE, Sight.NAMED, Sight.WHOLE),
    PUBLIC_PASSWORD("\"visibility\":\"public\",\"password\":\"" + PASSWORD + "\"",
        Sight.NAMED, Sight.NAMED, Sight.NAMED, Sight.NAMED, Sight.WHOLE),
    UNLISTED_PASSWORD_NO_GUESTS("\"visibility\":\"unlisted\",\"password\":\"" + PASSWORD + "\",\"guestsAllowed\":false",
        Sight.NAMED, Sight.NAMED, Sight.NAMED, Sight.NAMED, Sight.WHOLE),
    PRIVATE("\"visibility\":\"private\"", Sight.EXISTS, Sight.EXISTS, Sight.EXISTS, Sight.EXISTS, Sight.WHOLE),
    PRIVATE_NO_GUESTS("\"visibility\":\"private\",\"guestsAllowed\":false",
        Sight.EXISTS, Sight.EXISTS, Sight.EXISTS, Sight.EXISTS, Sight.WHOLE),
    PRIVATE_PASSWORD("\"visibility\":\"private\",\"password\":\"" + PASSWORD + "\"",
        Sight.EXISTS, Sight.EXISTS, Sight.EXISTS, Sight.EXISTS, Sight.WHOLE);

    final String settings;
    final List<Sight> byActor;

    Kind(String settings, Sight... byActor) {
      this.settings = settings;
      this.byActor = List.of(byActor);
    }

    Set<Field> seenBy(Actor actor) {
      Set<Field> f = EnumSet.copyOf(byActor.get(actor.ordinal()).fields);
      if (name().startsWith("PUBLIC")) f.add(Field.LISTED);
      return f;
    }
  }

  enum Surface { SNAPSHOT, PREVIEW, PAGE, DIRECTORY }

  private static final String PASSWORD = "long enough password";
  private static final long POSITION_MS = 61_000;
  private static final String NONCE = Long.toHexString(System.nanoTime());

  private static TestServer server;
  private static Api api;
  private static Api.Who owner;
  private static String mediaId;
  private static String title;
  private static final Map<Kind, String> ROOMS = new EnumMap<>(Kind.class);
  private static final Map<Actor, String> TOKENS = new EnumMap<>(Actor.class);

  @BeforeAll
  static void rooms() throws Exception {
    server = new TestServer();
    api = new Api(server);
    owner = api.account("Olga Owner");
    try (Tus tus = new Tus(server)) {
      JsonNode item = UploadPipelineTest.uploaded(api, tus, owner, UploadPipelineTest.MEDIA.resolve("h264-aac.mp4"));
      assertThat(item.get("hasPoster").asBoolean()).as("the upload has a poster to hide").isTrue();
      mediaId = "media:" + item.get("id").asText();
      title = item.get("title").asText();
    }
    Api.Who guest = api.guest("Gus Guest");
    Api.Who account = api.account("Ada Account");
    Api.Who banned = api.account("Ben Banned");
    TOKENS.put(Actor.GUEST, guest.token());
    TOKENS.put(Actor.ACCOUNT, account.token());
    TOKENS.put(Actor.BANNED, banned.token());
    TOKENS.put(Actor.MEMBER, owner.token());
    for (Kind kind : Kind.values()) {
      Api.Reply created = api.call("POST", "/api/rooms", "{\"name\":\"" + roomName(kind) + "\",\"mediaId\":\"" + mediaId
          + "\"," + kind.settings + "}", owner.token());
      assertThat(created.status()).as(created.body()).isEqualTo(201);
      String room = created.json().get("id").asText();
      ROOMS.put(kind, room);
      assertThat(api.call("POST", "/api/rooms/" + room + "/bans", "{\"userId\":\"" + banned.userId() + "\"}",
          owner.token()).status()).isEqualTo(204);
      // The owner sits in the room at 1:01 with a film queued next.
      CowatchClient present = server.joined(server.client(new RoomId(room), "Olga Owner").accessToken(owner.token())
          .build());
      present.sendRaw("{\"type\":\"queueAdd\",\"mediaId\":\"" + queued(kind) + "\",\"title\":\"Next up\"}");
      present.seek(POSITION_MS);
      await().atMost(Duration.ofSeconds(10)).until(() -> {
        JsonNode whole = api.call("GET", "/api/rooms/" + room, null, owner.token()).json();
        return whole.get("queue").size() == 1 && whole.at("/timeline/anchorPositionMs").asLong() == POSITION_MS
            && whole.get("memberCount").asInt() == 1;
      });
    }
  }

  @AfterAll
  static void stop() {
    api.close();
    server.close();
  }

  private static String roomName(Kind kind) {
    return "Room " + kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + " " + NONCE;
  }

  private static String queued(Kind kind) {
    return "https://example.org/next-" + kind.name().toLowerCase(java.util.Locale.ROOT) + ".mp4";
  }

  static Stream<Arguments> cells() {
    List<Arguments> cells = new ArrayList<>();
    for (Kind kind : Kind.values()) {
      for (Actor actor : Actor.values()) {
        for (Surface surface : Surface.values()) cells.add(Arguments.of(kind, actor, surface));
      }
    }
    return cells.stream();
  }

  @ParameterizedTest(name = "{0} to {1} on {2}")
  @MethodSource("cells")
  void every_surface_shows_a_caller_exactly_what_the_table_allows(Kind kind, Actor actor, Surface surface) {
    // The page and the directory speak to no one in particular: they show the anonymous column to everyone.
    Actor column = surface == Surface.PAGE || surface == Surface.DIRECTORY ? Actor.ANONYMOUS : actor;
    Set<Field> allowed = kind.seenBy(column);
    Map<Field, Boolean> shown = switch (surface) {
      case SNAPSHOT -> snapshot(kind, actor);
      case PREVIEW -> preview(kind, actor);
      case PAGE -> page(kind, actor);
      case DIRECTORY -> directory(kind, actor);
    };

    SoftAssertions soft = new SoftAssertions();
    shown.forEach((field, isShown) -> soft.assertThat(isShown)
        .as("%s of a %s room to %s on the %s", field, kind, actor, surface).isEqualTo(allowed.contains(field)));
    soft.assertAll();
  }

  private static Map<Field, Boolean> snapshot(Kind kind, Actor actor) {
    Api.Reply r = api.call("GET", "/api/rooms/" + ROOMS.get(kind), null, TOKENS.get(actor));
    JsonNode j = r.json();
    Map<Field, Boolean> shown = new EnumMap<>(Field.class);
    shown.put(Field.EXISTENCE, r.status() == 200 && ROOMS.get(kind).equals(j.path("id").asText()));
    shown.put(Field.NAME, r.body().contains(roomName(kind)));
    shown.put(Field.OWNER, r.body().contains(owner.userId()));
    shown.put(Field.PRESENT, j.has("memberCount") || j.has("members"));
    shown.put(Field.TIMELINE, j.has("timeline") || r.body().contains(mediaId));
    shown.put(Field.QUEUE, j.has("queue") || r.body().contains(queued(kind)));
    return shown;
  }

  private static Map<Field, Boolean> preview(Kind kind, Actor actor) {
    Api.Reply r = api.call("GET", "/api/rooms/" + ROOMS.get(kind) + "/preview", null, TOKENS.get(actor));
    JsonNode j = r.json();
    JsonNode playing = j.at("/details/playing");
    Map<Field, Boolean> shown = new EnumMap<>(Field.class);
    shown.put(Field.EXISTENCE, r.status() == 200 && ROOMS.get(kind).equals(j.path("id").asText()));
    shown.put(Field.NAME, r.body().contains(roomName(kind)));
    shown.put(Field.OWNER, r.body().contains("Olga Owner"));
    shown.put(Field.PRESENT, j.at("/details/presentCount").isInt());
    shown.put(Field.TITLE, r.body().contains(title));
    shown.put(Field.POSITION, playing.path("positionMs").asLong() >= POSITION_MS);
    shown.put(Field.POSTER, r.body().contains("/poster"));
    // Not the preview's to carry: it must never show up, wherever the table would allow it.
    if (r.body().contains(queued(kind))) shown.put(Field.QUEUE, true);
    return shown;
  }

  private static Map<Field, Boolean> page(Kind kind, Actor actor) {
    Api.Reply r = api.call("GET", "/r/" + ROOMS.get(kind), null, TOKENS.get(actor));
    String html = r.body();
    Map<Field, Boolean> shown = new EnumMap<>(Field.class);
    shown.put(Field.EXISTENCE, r.status() == 200 && html.contains("og:title"));
    shown.put(Field.NAME, html.contains(roomName(kind)));
    shown.put(Field.OWNER, html.contains("Olga Owner"));
    shown.put(Field.PRESENT, html.contains(" here."));
    shown.put(Field.TITLE, html.contains(title));
    shown.put(Field.POSITION, html.contains(" at 1:0"));
    shown.put(Field.POSTER, html.contains("og:image") || html.contains("/poster"));
    if (html.contains(mediaId) || html.contains(queued(kind))) shown.put(Field.TIMELINE, true);
    return shown;
  }

  private static Map<Field, Boolean> directory(Kind kind, Actor actor) {
    Api.Reply r = api.call("GET", "/api/directory?q=" + URLEncoder.encode(NONCE, StandardCharsets.UTF_8), null,
        TOKENS.get(actor));
    assertThat(r.status()).isEqualTo(200);
    JsonNode entry = null;
    for (JsonNode e : r.json().get("rooms")) {
      if (ROOMS.get(kind).equals(e.get("id").asText())) entry = e;
    }
    Map<Field, Boolean> shown = new EnumMap<>(Field.class);
    shown.put(Field.LISTED, entry != null);
    if (entry != null) {
      String e = entry.toString();
      shown.put(Field.NAME, e.contains(roomName(kind)));
      shown.put(Field.OWNER, e.contains("Olga Owner"));
      shown.put(Field.PRESENT, entry.has("online"));
      shown.put(Field.TIMELINE, e.contains(mediaId));
    }
    return shown;
  }
}
