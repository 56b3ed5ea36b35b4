package dev.cowatch.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cowatch.server.RawSocket;
import dev.cowatch.server.TestServer;
import dev.cowatch.server.http.Api.Reply;
import dev.cowatch.server.http.Api.Who;
import dev.cowatch.server.platform.mail.MailOutbox;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Friends over real HTTP: requests and answers, blocks, presence, notifications and invitations. */
class FriendsHttpTest {
  private static TestServer ts;
  private static Api api;

  @BeforeAll
  static void start() {
    ts = new TestServer();
    api = new Api(ts);
  }

  @AfterAll
  static void stop() {
    api.close();
    ts.close();
  }

  private static Reply request(Who from, Who to) {
    return api.call("POST", "/api/friends/requests", "{\"userId\":\"" + to.userId() + "\"}", from.token());
  }

  private static JsonNode overview(Who who) {
    Reply r = api.call("GET", "/api/friends", null, who.token());
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json();
  }

  private static List<String> ids(JsonNode list) {
    return StreamSupport.stream(list.spliterator(), false).map(n -> n.get("userId").asText()).toList();
  }

  private static List<String> kinds(Who who) {
    Reply r = api.call("GET", "/api/me/notifications", null, who.token());
    return StreamSupport.stream(r.json().get("notifications").spliterator(), false).map(n -> n.get("kind").asText())
        .toList();
  }

  @Test
  void a_request_accepted_makes_friends_on_both_sides_with_notifications() {
    Who ann = api.account("Ann");
    Who bob = api.account("Bob");
    Reply sent = request(ann, bob);
    assertThat(sent.status()).isEqualTo(201);
    assertThat(sent.json().get("status").asText()).isEqualTo("pending");
    assertThat(request(ann, bob).json().get("status").asText()).as("asking twice changes nothing").isEqualTo("pending");
    assertThat(ids(overview(ann).get("outgoing"))).containsExactly(bob.userId());
    assertThat(ids(overview(bob).get("incoming"))).containsExactly(ann.userId());
    assertThat(kinds(bob)).containsExactly("friendRequest");
    Reply bobs = api.call("GET", "/api/me/notifications", null, bob.token());
    assertThat(bobs.json().get("unread").asInt()).isEqualTo(1);
    assertThat(bobs.json().at("/notifications/0/actor/displayName").asText()).isEqualTo("Ann");

    assertThat(api.call("POST", "/api/friends/requests/" + ann.userId() + "/accept", null, bob.token()).status())
        .isEqualTo(204);
    assertThat(ids(overview(ann).get("friends"))).containsExactly(bob.userId());
    assertThat(ids(overview(bob).get("friends"))).containsExactly(ann.userId());
    assertThat(overview(ann).get("outgoing")).isEmpty();
    assertThat(kinds(ann)).containsExactly("friendAccepted");

    long newest = bobs.json().at("/notifications/0/id").asLong();
    Reply marked = api.call("POST", "/api/me/notifications/read", "{\"upTo\":" + newest + "}", bob.token());
    assertThat(marked.json().get("marked").asInt()).isEqualTo(1);
    assertThat(api.call("GET", "/api/me/notifications", null, bob.token()).json().get("unread").asInt()).isZero();

    assertThat(api.call("DELETE", "/api/friends/" + bob.userId(), null, ann.token()).status()).isEqualTo(204);
    assertThat(overview(bob).get("friends")).isEmpty();
    assertThat(api.call("DELETE", "/api/friends/" + bob.userId(), null, ann.token()).status()).isEqualTo(404);
  }

  @Test
  void asking_someone_who_asked_you_makes_friends_at_once() {
    Who ann = api.account("Ann");
    Who bob = api.account("Bob");
    request(ann, bob);
    Reply back = request(bob, ann);
    assertThat(back.status()).isEqualTo(200);
    assertThat(back.json().get("status").asText()).isEqualTo("friends");
    assertThat(ids(overview(ann).get("friends"))).containsExactly(bob.userId());
  }

  @Test
  void requests_can_be_declined_or_cancelled_and_nobody_else_can_answer_them() {
    Who ann = api.account("Ann");
    Who bob = api.account("Bob");
    Who eve = api.account("Eve");
    request(ann, bob);
    assertThat(api.call("POST", "/api/friends/requests/" + ann.userId() + "/accept", null, eve.token()).status())
        .isEqualTo(404);
    assertThat(api.call("POST", "/api/friends/requests/" + ann.userId() + "/decline", null, bob.token()).status())
        .isEqualTo(204);
    assertThat(overview(ann).get("outgoing")).isEmpty();
    request(ann, bob);
    assertThat(api.call("DELETE", "/api/friends/requests/" + bob.userId(), null, ann.token()).status()).isEqualTo(204);
    assertThat(overview(bob).get("incoming")).isEmpty();
  }

  @Test
  void a_block_ends_the_friendship_and_stops_requests_without_saying_why() {
    Who ann = api.account("Ann");
    Who bob = api.account("Bob");
    request(ann, bob);
    api.call("POST", "/api/friends/requests/" + ann.userId() + "/accept", null, bob.token());
    assertThat(api.call("PUT", "/api/blocks/" + ann.userId(), null, bob.token()).status()).isEqualTo(204);
    assertThat(overview(ann).get("friends")).isEmpty();
    assertThat(ids(overview(bob).get("blocked"))).containsExactly(ann.userId());
    Reply refused = request(ann, bob);
    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.problemType()).endsWith("cannot-befriend");
    assertThat(request(bob, ann).problemType()).as("the blocker is told to unblock").endsWith("blocked");
    assertThat(api.call("DELETE", "/api/blocks/" + ann.userId(), null, bob.token()).status()).isEqualTo(204);
    assertThat(request(ann, bob).status()).isEqualTo(201);
  }

  @Test
  void guests_are_asked_to_sign_up_and_cannot_be_asked() {
    Who ann = api.account("Ann");
    Who guest = api.guest("Gus");
    assertThat(request(guest, ann).problemType()).endsWith("account-required");
    assertThat(request(ann, guest).problemType()).endsWith("guest-cannot-befriend");
    assertThat(request(ann, ann).status()).isEqualTo(422);
    assertThat(api.call("POST", "/api/friends/requests", "{\"userId\":\"u-nobody\"}", ann.token()).status())
        .isEqualTo(404);
    assertThat(api.call("POST", "/api/friends/requests", "{}", ann.token()).status()).isEqualTo(422);
    assertThat(api.call("GET", "/api/friends", null, null).status()).isEqualTo(401);
  }

  @Test
  void a_friend_watching_shows_the_room_only_when_the_viewer_may_see_it() {
    Who ann = api.account("Ann");
    Who bob = api.account("Bob");
    request(ann, bob);
    api.call("POST", "/api/friends/requests/" + ann.userId() + "/accept", null, bob.token());
    assertThat(overview(ann).at("/friends/0/online").asBoolean()).isFalse();

    String secret = api.call("POST", "/api/rooms", "{\"name\":\"Secret\",\"visibility\":\"private\"}", bob.token())
        .json().get("id").asText();
    String open = api.call("POST", "/api/rooms", "{\"name\":\"Open\",\"visibility\":\"public\"}", bob.token())
        .json().get("id").asText();
    try (RawSocket inSecret = RawSocket.open(ts.wsUri(secret))) {
      inSecret.helloWithToken("Bob", bob.token());
      JsonNode friend = overview(ann).at("/friends/0");
      assertThat(friend.get("online").asBoolean()).isTrue();
      assertThat(friend.get("watching")).as("a private room Ann has no role in stays hidden").isEmpty();
      try (RawSocket inOpen = RawSocket.open(ts.wsUri(open))) {
        inOpen.helloWithToken("Bob", bob.token());
        assertThat(overview(ann).at("/friends/0/watching/0/name").asText()).isEqualTo("Open");
        assertThat(overview(ann).at("/friends/0/watching")).hasSize(1);
      }
    }
  }

  @Test
  void inviting_a_friend_to_a_private_room_sends_a_one_use_invite_in_app_and_by_mail() {
    Who ann = api.account("Ann");
    Who bob = api.account("Bob");
    Who eve = api.account("Eve");
    request(ann, bob);
    api.call("POST", "/api/friends/requests/" + ann.userId() + "/accept", null, bob.token());
    String room = api.call("POST", "/api/rooms", "{\"name\":\"Movie night\",\"visibility\":\"private\"}", ann.token())
        .json().get("id").asText();

    Reply invited = api.call("POST", "/api/friends/" + bob.userId() + "/invite", "{\"roomId\":\"" + room + "\"}",
        ann.token());
    assertThat(invited.status()).as(invited.body()).isEqualTo(201);
    String link = invited.json().get("link").asText();
    assertThat(link).contains("/i/");
    JsonNode note = api.call("GET", "/api/me/notifications", null, bob.token()).json().at("/notifications/0");
    assertThat(note.get("kind").asText()).isEqualTo("roomInvite");
    assertThat(note.at("/data/roomName").asText()).isEqualTo("Movie night");
    assertThat(note.at("/data/link").asText()).isEqualTo(link);
    String token = link.substring(link.indexOf("/i/") + 3);
    assertThat(api.call("POST", "/api/rooms/" + room + "/access", "{\"invite\":\"" + token + "\"}", bob.token())
        .status()).isEqualTo(200);

    String bobsEmail = api.call("GET", "/api/me", null, bob.token()).json().get("email").asText();
    boolean mailed = ts.server().outbox().to(bobsEmail, 10).stream().map(MailOutbox.Entry::message)
        .anyMatch(m -> m.subject().contains("Movie night") && m.text().contains(link));
    assertThat(mailed).as("a mail with the link is queued").isTrue();

    assertThat(api.call("POST", "/api/friends/" + eve.userId() + "/invite", "{\"roomId\":\"" + room + "\"}",
        ann.token()).problemType()).as("strangers are not invited").endsWith("not-friends");
  }
}
