package dev.cowatch.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cowatch.server.CowatchServer;
import dev.cowatch.server.ServerConfig;
import dev.cowatch.server.account.AccountConfig;
import dev.cowatch.server.account.AccountModule;
import dev.cowatch.server.account.Session;
import dev.cowatch.server.platform.Ids;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Identity as the server wires it: options, the secret across restarts, the public URL. */
class AccountWiringTest {

  @Test
  void options_fillTheAccountConfig() {
    String secret = Base64.getEncoder().encodeToString(new byte[32]);
    Main main = CommandLine.populateCommand(new Main(), "--public-url", "https://watch.example.org/",
        "--jwt-secret", secret, "--access-token-minutes", "5", "--refresh-token-days", "7", "--smtp-host", "mail.example.org",
        "--smtp-port", "2525", "--smtp-user", "u", "--smtp-password", "p", "--smtp-starttls", "false",
        "--argon2-memory-kib", "32768", "--argon2-iterations", "3");

    AccountConfig c = main.accounts.config();

    assertThat(c.publicUrl()).isEqualTo("https://watch.example.org");
    assertThat(c.jwtSecret()).isEqualTo(secret);
    assertThat(c.accessTokenTtl()).isEqualTo(Duration.ofMinutes(5));
    assertThat(c.refreshTokenTtl()).isEqualTo(Duration.ofDays(7));
    assertThat(c.smtp().host()).isEqualTo("mail.example.org");
    assertThat(c.smtp().port()).isEqualTo(2525);
    assertThat(c.smtp().startTls()).isFalse();
    assertThat(c.hashing().memoryKiB()).isEqualTo(32768);
    assertThat(c.hashing().iterations()).isEqualTo(3);
  }

  @Test
  void withoutOptions_mailsGoToTheLog_andTheSecretToTheDataDirectory() {
    AccountConfig c = CommandLine.populateCommand(new Main()).accounts.config();
    assertThat(c.smtp()).isNull();
    assertThat(c.jwtSecret()).isNull();
    assertThat(c.publicUrl()).isNull();
    assertThat(c.hashing()).isEqualTo(AccountConfig.defaults().hashing());
  }

  @Test
  void aRestart_keepsSessionsValid_throughTheSecretFile(@TempDir Path dir) {
    ServerConfig config = ServerConfig.ephemeral(dir).build();
    Session session;
    try (CowatchServer first = new CowatchServer(config, Clock.systemUTC(), Ids.secure()).start()) {
      session = first.accounts().services().sessions().guest("Ann", null);
      assertThat(first.publicUrl()).isEqualTo("http://127.0.0.1:" + first.port()); // the address it listens on
    }
    assertThat(Files.exists(dir.resolve(AccountModule.SECRET_FILE))).isTrue();

    try (CowatchServer second = new CowatchServer(config, Clock.systemUTC(), Ids.secure()).start()) {
      assertThat(second.accounts().authenticator().authenticate(session.accessToken()))
          .hasValueSatisfying(who -> assertThat(who.userId()).isEqualTo(session.user().id()));
      byte[] inviteKey = second.accounts().secrets().derive("room-invite");
      assertThat(inviteKey).hasSize(32);
    }
  }
}
