package dev.cowatch.server.ops.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class OtlpEndpointTest {
  @ParameterizedTest
  @CsvSource({
      "http://collector:4318, http://collector:4318/v1/traces",
      "http://collector:4318/, http://collector:4318/v1/traces",
      "https://otel.example.org, https://otel.example.org/v1/traces",
      "http://jaeger:4318/v1/traces, http://jaeger:4318/v1/traces",
      "https://gw.example.org/otlp/v1/traces, https://gw.example.org/otlp/v1/traces",
      "' http://collector:4318 ', http://collector:4318/v1/traces"})
  void aBaseGetsTheTracesPath_aFullUrlIsKept(String given, String posted) {
    assertThat(OtlpEndpoint.parse(given).tracesUrl()).isEqualTo(posted);
  }

  @ParameterizedTest
  @ValueSource(strings = {"collector:4318", "grpc://collector:4317", "ftp://x", "http://", "not a url", "/v1/traces"})
  void somethingThatIsNotAnHttpUrl_isRefusedWithAReason(String given) {
    assertThatThrownBy(() -> OtlpEndpoint.parse(given)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("OTLP endpoint");
  }

  @ParameterizedTest
  @ValueSource(strings = {"http://user:s3cret@collector:4318", "http://collector:4318/v1/traces?key=s3cret"})
  void credentialsInTheUrl_areRefused_withoutRepeatingThem(String given) {
    assertThatThrownBy(() -> OtlpEndpoint.parse(given)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining("s3cret");
  }
}
