package dev.cowatch.bridge.discord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RichPresenceTest {
  private static final String LINK = "http://127.0.0.1:8080/r/k3m8q2x7pa";
  private static final Activity PLAYING = new Activity("Movie night", true, 30_000, 1_767_225_630_000L, "cowatch-1", 3, 50, LINK);
  @TempDir Path dir;

  @Test
  void talksToDiscord_handshakeSubscribeAndAValidActivity() throws Exception {
    List<String> joins = new CopyOnWriteArrayList<>();
    try (FakeDiscord discord = new FakeDiscord(dir.resolve("discord-ipc-0"))) {
      RichPresence rp = new RichPresence("1234567890", List.of(dir.resolve("discord-ipc-0")), joins::add, Duration.ofMillis(100));
      rp.update(PLAYING);
      rp.start();
      await().atMost(Duration.ofSeconds(5)).until(() -> discord.activities().size() == 1);
      assertThat(discord.received().getFirst().opcode()).isEqualTo(DiscordFrame.HANDSHAKE);
      assertThat(discord.received().getFirst().json()).contains("\"v\":1").contains("\"client_id\":\"1234567890\"");
      assertThat(discord.commands("SUBSCRIBE")).singleElement().satisfies(s -> assertThat(s.path("evt").asText()).isEqualTo("ACTIVITY_JOIN"));
      JsonNode activity = discord.activities().getFirst().path("activity");
      assertThat(activity.path("party").path("size").toString()).isEqualTo("[3,50]");
      assertThat(activity.path("secrets").path("join").asText()).isEqualTo(LINK);
      assertThat(discord.activities().getFirst().path("pid").asLong()).isEqualTo(ProcessHandle.current().pid());

      // The clock running on changes nothing Discord shows: no new frame. A new member does.
      rp.update(new Activity("Movie night", true, 35_000, 1_767_225_635_000L, "cowatch-1", 3, 50, LINK));
      rp.update(new Activity("Movie night", true, 36_000, 1_767_225_636_000L, "cowatch-1", 4, 50, LINK));
      await().atMost(Duration.ofSeconds(5)).until(() -> discord.activities().size() == 2);
      assertThat(discord.activities().get(1).path("activity").path("party").path("size").toString()).isEqualTo("[4,50]");

      discord.send(new DiscordFrame(DiscordFrame.PING, "{\"n\":7}"));
      await().atMost(Duration.ofSeconds(5)).until(() -> discord.received().stream()
          .anyMatch(f -> f.opcode() == DiscordFrame.PONG && f.json().equals("{\"n\":7}")));

      discord.sendJoin(LINK);
      await().atMost(Duration.ofSeconds(5)).until(() -> joins.equals(List.of(LINK)));
      assertThat(discord.violations()).isEmpty();

      rp.close();
      await().atMost(Duration.ofSeconds(5)).until(() -> discord.activities().size() == 3);
      assertThat(discord.activities().get(2).has("activity")).as("the activity is cleared on leaving").isFalse();
    }
  }

  @Test
  void withoutDiscord_nothingHappens_andADiscordStartedLaterIsFound() throws Exception {
    Path socket = dir.resolve("discord-ipc-3");
    try (RichPresence rp = new RichPresence("42", List.of(socket), s -> { }, Duration.ofMillis(100)).start()) {
      rp.update(PLAYING);
      Thread.sleep(400);
      assertThat(rp.isConnected()).isFalse();
      try (FakeDiscord discord = new FakeDiscord(socket)) {
        await().atMost(Duration.ofSeconds(5)).until(() -> discord.activities().size() == 1);
        assertThat(rp.isConnected()).isTrue();
        assertThat(discord.violations()).isEmpty();
      }
    }
  }

  @Test
  void socketCandidates_followDiscordsSearchOrder() {
    List<Path> c = RichPresence.socketCandidates(Map.of("XDG_RUNTIME_DIR", "/run/user/1000"));
    assertThat(c.getFirst()).isEqualTo(Path.of("/run/user/1000/discord-ipc-0"));
    assertThat(c).contains(Path.of("/run/user/1000/app/com.discordapp.Discord/discord-ipc-0"),
        Path.of("/run/user/1000/snap.discord/discord-ipc-9"), Path.of("/tmp/discord-ipc-0"));
  }
}
