package dev.cowatch.server.cli;

import static dev.cowatch.server.cli.CommandLines.runCatchingStandardError;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * {@code --trusted-proxies} is checked before anything starts, and a wrong block is named (on standard
 * error, where picocli says what a command line got wrong, as for {@code --otlp-endpoint}).
 */
@Isolated("replaces System.err for a moment")
class TrustedProxiesOptionTest {
  @Test
  void aBlockThatIsNotOne_isAUsageError_namingIt() {
    CommandLines.Run said = runCatchingStandardError("--trusted-proxies", "127.0.0.1,10.0.0.0/33", "--port", "0");

    assertThat(said.exitCode()).isEqualTo(2);
    assertThat(said.err()).contains("--trusted-proxies: '10.0.0.0/33': the prefix length must be 0-32");
  }

  @Test
  void aHostName_isRefused_notResolved() {
    CommandLines.Run said = runCatchingStandardError("--trusted-proxies", "proxy.example.org", "--port", "0");

    assertThat(said.exitCode()).isEqualTo(2);
    assertThat(said.err()).contains("'proxy.example.org' is not an address or a CIDR block");
  }
}
