package dev.cowatch.server.showing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.cowatch.core.FakeClock;
import dev.cowatch.core.room.PlaybackState;
import dev.cowatch.core.room.RoomId;
import dev.cowatch.core.room.Timeline;
import dev.cowatch.server.TestServer;
import dev.cowatch.server.http.Api.Reply;
import dev.cowatch.server.http.Api.Who;
import dev.cowatch.server.http.Api;
import dev.cowatch.server.platform.mail.SmtpConfig;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A showing from planning to its second episode, on a fake clock: invitation, reminders exactly once
 * across a restart, the room anchored at the start, and the next episode anchored at the first's end.
 */
class ShowingFlowTest {
  @RegisterExtension
  static final GreenMailExtension MAIL = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  private static final long EPISODE_1 = 600_000;
  private static final long EPISODE_2 = 300_000;

  private final FakeClock clock = FakeClock.atFixedStart();
  private final Path dataDir = TestServer.tempDir();

  private TestServer server() {
    return new TestServer(dataDir, c -> c.accounts(a -> a.withPublicUrl("https://cw.example")
        .withSmtp(new SmtpConfig("127.0.0.1", MAIL.getSmtp().getPort(), null, null, "cowatch@example.test", false))),
        clock);
  }

  private static String email(Api api, Who who) {
    return api.call("GET", "/api/me", null, who.token()).json().get("email").asText();
  }

  /** What the showing sent to {@code address} (the sign-up's verification mail aside). */
  private static List<String> subjectsTo(String address) {
    return Arrays.stream(MAIL.getReceivedMessages()).filter(m -> to(m).equals(address)).map(m -> {
      try {
        return m.getSubject();
      } catch (MessagingException e) {
        throw new IllegalStateException(e);
      }
    }).filter(subject -> !subject.startsWith("Confirm your email")).toList();
  }

  private static String to(MimeMessage m) {
    try {
      return m.getRecipients(Message.RecipientType.TO)[0].toString();
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void two_episodes_with_an_invitation_reminders_once_across_a_restart_and_a_shared_start() {
    long start = clock.millis() + Duration.ofHours(2).toMillis();
    String localStart = DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(Instant.ofEpochMilli(start).atZone(BERLIN));
    String showingId;
    String roomId;
    String annMail;
    String bobMail;
    try (TestServer ts = server(); Api api = new Api(ts)) {
      Who ann = api.account("Ann");
      Who bob = api.account("Bob");
      annMail = email(api, ann);
      bobMail = email(api, bob);
      api.call("POST", "/api/friends/requests", "{\"userId\":\"" + bob.userId() + "\"}", ann.token());
      api.call("POST", "/api/friends/requests/" + ann.userId() + "/accept", null, bob.token());

      Reply created = api.call("POST", "/api/showings", """
          {"title": "Series night", "startsAt": "%s", "timeZone": "Europe/Berlin",
           "episodes": [{"mediaId": "https://example.org/ep1.mp4", "title": "Pilot", "durationMs": %d},
                        {"mediaId": "https://example.org/ep2.mp4", "title": "Second", "durationMs": %d}],
           "invitees": ["%s"]}""".formatted(localStart, EPISODE_1, EPISODE_2, bob.userId()), ann.token());
      assertThat(created.status()).as(created.body()).isEqualTo(201);
      JsonNode showing = created.json();
      showingId = showing.get("id").asText();
      roomId = showing.get("roomId").asText();
      assertThat(showing.get("startsAt").asLong()).isEqualTo(start);
      assertThat(showing.get("endsAt").asLong()).isEqualTo(start + EPISODE_1 + EPISODE_2);
      assertThat(showing.get("link").asText()).isEqualTo("https://cw.example/s/" + showingId);
      assertThat(showing.at("/going/0/displayName").asText()).isEqualTo("Ann");
      assertThat(showing.at("/invited/0/displayName").asText()).isEqualTo("Bob");

      JsonNode note = api.call("GET", "/api/me/notifications", null, bob.token()).json().at("/notifications/0");
      assertThat(note.get("kind").asText()).isEqualTo("showingInvite");
      assertThat(note.at("/data/link").asText()).endsWith("/s/" + showingId);
      assertThat(api.call("POST", "/api/showings/" + showingId + "/answer", "{\"going\":true}", bob.token()).status())
          .isEqualTo(204);

      Reply ics = api.call("GET", "/api/showings/" + showingId + "/calendar.ics", null, null);
      assertThat(ics.contentType()).startsWith("text/calendar");
      assertThat(ics.body()).contains("SUMMARY:Series night", "URL:https://cw.example/s/" + showingId);

      Timeline t = ts.server().rooms().service().find(new RoomId(roomId)).orElseThrow().timeline();
      assertThat(t.state()).isEqualTo(PlaybackState.PLAYING);
      assertThat(t.anchorTimeMs()).as("everyone starts on the start instant").isEqualTo(start);
      assertThat(t.mediaId()).isEqualTo("https://example.org/ep1.mp4");

      ts.server().outboxDispatcher().dispatchDue();
      assertThat(subjectsTo(bobMail)).containsExactly("Ann invites you to \"Series night\"");
      assertThat(subjectsTo(annMail)).as("no reminder yet").isEmpty();
    }

    clock.advance(Duration.ofMinutes(95)); // 25 minutes to go: the reminders are due
    try (TestServer ts = server()) {
      ts.server().outboxDispatcher().dispatchDue();
      ts.server().outboxDispatcher().dispatchDue();
      assertThat(subjectsTo(annMail)).containsExactly("Starting soon: \"Series night\"");
      assertThat(subjectsTo(bobMail)).containsExactly("Ann invites you to \"Series night\"",
          "Starting soon: \"Series night\"");

      // A late viewer: the room comes back where the plan says (at once, as it loads: no moment paused after a
      // restart), and the second episode follows the first.
      clock.advance(Duration.ofMinutes(25).plusMinutes(3));
      RoomShowingConductor conductor = ts.server().showings().conductor();
      Timeline first = ts.server().rooms().service().find(new RoomId(roomId)).orElseThrow().timeline();
      assertThat(first.mediaId()).isEqualTo("https://example.org/ep1.mp4");
      assertThat(first.state()).isEqualTo(PlaybackState.PLAYING);
      assertThat(first.positionAt(clock.millis())).as("three minutes in").isEqualTo(180_000);

      clock.advance(Duration.ofMillis(EPISODE_1 - 180_000));
      conductor.followRoom(roomId);
      Timeline second = ts.server().rooms().service().find(new RoomId(roomId)).orElseThrow().timeline();
      assertThat(second.mediaId()).isEqualTo("https://example.org/ep2.mp4");
      assertThat(second.anchorTimeMs()).as("exactly at the first one's end").isEqualTo(start + EPISODE_1);
      assertThat(second.state()).isEqualTo(PlaybackState.PLAYING);
    }
    try (TestServer ts = server()) {
      clock.advance(Duration.ofDays(1));
      ts.server().outboxDispatcher().dispatchDue();
      assertThat(subjectsTo(annMail)).as("exactly once").hasSize(1);
      assertThat(subjectsTo(bobMail)).hasSize(2);
    }
  }
}
