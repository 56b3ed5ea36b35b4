package dev.cowatch.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

class DurationConverterTest {
  private final Main.DurationConverter converter = new Main.DurationConverter();

  @ParameterizedTest
  @CsvSource({"90s, PT1M30S", "30m, PT30M", "2h, PT2H", "1d, PT24H", "PT45M, PT45M", "pt1h, PT1H", " 15M , PT15M"})
  void short_and_iso_forms(String text, String expected) {
    assertThat(converter.convert(text)).isEqualTo(Duration.parse(expected));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "soon", "30", "-5m", "1w", "PT"})
  void anything_else_is_refused_with_an_example(String text) {
    assertThatThrownBy(() -> converter.convert(text)).isInstanceOf(CommandLine.TypeConversionException.class)
        .hasMessageContaining("30m");
  }
}
