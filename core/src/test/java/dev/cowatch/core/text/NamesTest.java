package dev.cowatch.core.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NamesTest {
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      plain                       | Ann
      accents                     | Zoë Ångström
      Cyrillic                    | Анна
      CJK                         | 映画の夜
      emoji (a surrogate pair)    | Ann 🎬
      inner spaces                | Movie night with Ben
      """)
  void printable_names_are_accepted(String what, String name) {
    assertThat(Names.problem(name, 40)).as(what).isEmpty();
  }

  @ParameterizedTest(name = "U+{0}")
  @CsvSource({"202E", "200B", "FEFF", "2066", "2069", "200E", "0007", "000A", "001B", "2028", "E000"})
  void control_format_and_private_use_characters_are_refused(String hex) {
    String name = "Ann" + Character.toString(Integer.parseInt(hex, 16)) + "Ben";

    assertThat(Names.problem(name, 40)).contains("only printable characters");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      empty            | ''               | required
      too long         | 'aaaaaaaaaaa'    | at most 10 characters
      space around it  | ' Ann'           | no space around it
      """)
  void empty_long_and_unstripped_names_are_refused(String what, String name, String problem) {
    assertThat(Names.problem(name, 10)).as(what).contains(problem);
  }

  @ParameterizedTest(name = "{0} emoji")
  @CsvSource({"10, true", "11, false"})
  void length_counts_code_points_not_utf16_units(int count, boolean fits) {
    assertThat(Names.isValid("🎬".repeat(count), 10)).isEqualTo(fits);
  }

  @org.junit.jupiter.api.Test
  void a_missing_name_is_required() {
    assertThat(Names.problem(null, 10)).contains("required");
    assertThat(Names.normalize(null)).isNull();
  }

  @org.junit.jupiter.api.Test
  void a_name_stored_under_the_old_rule_is_repaired_to_follow_this_one() {
    assertThat(Names.repaired("Film\u202E night\u200B", 80, "Room")).isEqualTo("Film night");
    assertThat(Names.repaired("\u202E\u200B ", 80, "Room")).isEqualTo("Room");
    assertThat(Names.isValid(Names.repaired("  Ann\u2066  ", 40, "Someone"), 40)).isTrue();
  }
}
