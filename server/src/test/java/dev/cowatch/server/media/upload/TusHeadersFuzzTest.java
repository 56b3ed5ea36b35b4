package dev.cowatch.server.media.upload;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.cowatch.core.FuzzRuns;
import dev.cowatch.server.platform.Refusal;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Any {@code Upload-Length}/{@code Upload-Offset} and {@code Upload-Metadata} value: a number or a map,
 * or a Refusal (400) that says what is wrong, never another exception. A number is the decimal the
 * header wrote; metadata written back out reads back the same.
 */
class TusHeadersFuzzTest {
  @FuzzTest(maxDuration = "15s")
  void anyHeader_isReadExactly_orRefusedWithAReason(FuzzedDataProvider data) {
    FuzzRuns.count(getClass());
    String number = data.consumeString(40);
    try {
      long n = TusHeaders.number("Upload-Length", number);
      assertThat(n).isNotNegative();
      assertThat(Long.toString(n)).isEqualTo(number.strip().replaceFirst("^0+(?=.)", ""));
    } catch (Refusal refused) {
      assertThat(refused.getMessage()).contains("Upload-Length");
    }
    String header = data.consumeRemainingAsString();
    Map<String, String> metadata;
    try {
      metadata = TusHeaders.metadata(header);
    } catch (Refusal refused) {
      assertThat(refused.getMessage()).contains("Upload-Metadata");
      return;
    }
    String written = metadata.entrySet().stream()
        .map(e -> e.getValue().isEmpty() ? e.getKey()
            : e.getKey() + " " + Base64.getEncoder().encodeToString(e.getValue().getBytes(StandardCharsets.UTF_8)))
        .collect(Collectors.joining(","));
    assertThat(TusHeaders.metadata(written)).isEqualTo(metadata);
  }
}
