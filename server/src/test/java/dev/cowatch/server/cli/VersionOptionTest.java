package dev.cowatch.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cowatch.server.ops.http.HealthRoutes;
import org.junit.jupiter.api.Test;

class VersionOptionTest {
  @Test
  void version_saysTheBuildsVersion_asHealthDoes() {
    CommandLines.Run run = CommandLines.run("--version");
    assertThat(run.exitCode()).isZero();
    assertThat(run.out().strip()).isEqualTo("cowatch " + HealthRoutes.VERSION).matches("cowatch \\d+\\.\\d+\\.\\d+.*");
  }
}
