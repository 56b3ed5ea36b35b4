package dev.cowatch.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HealthProbeTest {
  @Test
  void statusCode_readsTheCodeOfAnHttp1StatusLine() {
    assertThat(HealthProbe.statusCode("HTTP/1.1 200 OK")).isEqualTo(200);
    assertThat(HealthProbe.statusCode("HTTP/1.0 503 Service Unavailable")).isEqualTo(503);
    assertThat(HealthProbe.statusCode("HTTP/1.1 404")).isEqualTo(404);
  }

  @Test
  void statusCode_isMinusOne_forAnythingElse() {
    assertThat(HealthProbe.statusCode(null)).isEqualTo(-1);
    assertThat(HealthProbe.statusCode("")).isEqualTo(-1);
    assertThat(HealthProbe.statusCode("SSH-2.0-OpenSSH_9.2")).isEqualTo(-1);
    assertThat(HealthProbe.statusCode("HTTP/1.1 2000 OK")).isEqualTo(-1);
    assertThat(HealthProbe.statusCode("HTTP/1.1 OK 200")).isEqualTo(-1);
  }

  @Test
  void status_isMinusOne_whenNothingListens() throws Exception {
    assertThat(HealthProbe.status(Ports.free())).isEqualTo(-1);
  }
}
