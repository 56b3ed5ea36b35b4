package dev.cowatch.core.chat;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class ChatTextTest {

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"   ", "\n\n", "\t"})
  void empty_messages_are_refused(String text) {
    assertThat(ChatText.problem(text)).contains("a message needs some text");
  }

  @Test
  void the_length_limit_counts_characters_not_utf16_units() {
    assertThat(ChatText.problem("😀".repeat(ChatText.MAX_LENGTH))).isEmpty();
    assertThat(ChatText.problem("😀".repeat(ChatText.MAX_LENGTH + 1))).isPresent();
    assertThat(ChatText.problem("  " + "a".repeat(ChatText.MAX_LENGTH) + "  ")).as("after trimming").isEmpty();
  }

  @Test
  void control_characters_are_refused_but_newlines_and_tabs_are_fine() {
    assertThat(ChatText.problem("bell\u0007")).contains("a message cannot contain control characters");
    assertThat(ChatText.problem("two\nlines\tand a tab")).isEmpty();
  }

  @Test
  void markup_is_just_text() {
    assertThat(ChatText.problem("<img src=x onerror=alert(1)>")).isEmpty();
    assertThat(ChatText.normalize("<img src=x onerror=alert(1)>")).isEqualTo("<img src=x onerror=alert(1)>");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "'  hi  '|hi",
      "'a\r\nb'|'a\nb'",
      "'a\n\n\n\n\n\nb'|'a\n\n\nb'",
      "'a\n\n\nb'|'a\n\n\nb'"})
  void normalizing_trims_and_squeezes_blank_lines(String in, String out) {
    assertThat(ChatText.normalize(in)).isEqualTo(out);
  }
}
