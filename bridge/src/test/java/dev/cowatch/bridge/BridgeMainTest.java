package dev.cowatch.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import org.junit.jupiter.api.Test;

class BridgeMainTest {
  @Test
  void help_saysRichPresenceIsOffWithoutADiscordApplicationId() {
    String help = new CommandLine(new BridgeMain(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)))
        .getUsageMessage(CommandLine.Help.Ansi.OFF).replaceAll("\\s+", " ");
    assertThat(help).contains("Discord Rich Presence (the room on your Discord profile, with Ask to Join) is OFF unless you give "
        + "a Discord application id (--discord-client-id or COWATCH_DISCORD_CLIENT_ID)");
    assertThat(help).contains("without one, Rich Presence is off")
        .contains("A Discord application id of your own (Rich Presence stays off without one): "
            + "https://discord.com/developers/applications New Application, then copy its Application ID.");
  }
}
