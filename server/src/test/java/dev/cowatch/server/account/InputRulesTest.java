package dev.cowatch.server.account;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Emails, passwords and display names: what is accepted and why the rest is not. */
class InputRulesTest {

  @ParameterizedTest
  @ValueSource(strings = {"ann@example.org", "Ann.Lee+tv@mail.example.co.uk", "a@b.cd", "o'brien@example.ie",
      "x_y-z@sub-domain.example.com"})
  void email_acceptsOrdinaryAddresses(String email) {
    assertThat(EmailRules.problem(email)).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "''                      | required",
      "ann                     | must look like name@example.com",
      "@example.org            | must look like name@example.com",
      "ann@@example.org        | must look like name@example.com",
      "ann@example             | the domain needs a dot, like example.com",
      "ann@-example.org        | must look like name@example.com",
      "ann@example..org        | must look like name@example.com",
      ".ann@example.org        | must look like name@example.com",
      "an..n@example.org       | must look like name@example.com",
      "ann lee@example.org     | must look like name@example.com",
      "ann@exa mple.org        | must look like name@example.com"})
  void email_refusesMalformedAddresses(String email, String why) {
    assertThat(EmailRules.problem(email)).hasValue(why);
  }

  @org.junit.jupiter.api.Test
  void email_refusesMoreThan254Characters() {
    String longest = "a".repeat(64) + "@" + "b".repeat(63) + "." + "c".repeat(63) + "." + "d".repeat(57) + ".org";
    assertThat(longest).hasSize(254);
    assertThat(EmailRules.problem(longest)).isEmpty();
    assertThat(EmailRules.problem("x" + longest)).hasValue("at most 254 characters");
  }

  @org.junit.jupiter.api.Test
  void email_keyIgnoresCaseAndSurroundingSpace() {
    assertThat(EmailRules.key(" Ann@Example.ORG ")).isEqualTo("ann@example.org");
  }

  @ParameterizedTest
  @ValueSource(strings = {"correct horse battery", "Tr0ub4dor&3xyz", "ααααααααβ1", "1234567809"})
  void password_acceptsLongEnoughUncommonOnes(String password) {
    assertThat(PasswordRules.problem(password, "ann@example.org")).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "''                      | required",
      "short1234               | at least 10 characters",
      "aaaaaaaaaaaa            | more than one character repeated",
      "0123456789              | not a run like 123456789 or abcdefghij",
      "1234567890              | one of the most common passwords; choose another",
      "abcdefghijk             | not a run like 123456789 or abcdefghij",
      "9876543210              | not a run like 123456789 or abcdefghij",
      "Password123             | one of the most common passwords; choose another",
      "QWERTYUIOP              | one of the most common passwords; choose another",
      "ann@example.org         | must not be your email address",
      "ANN@EXAMPLE.ORG         | must not be your email address"})
  void password_refusesWeakOnes(String password, String why) {
    assertThat(PasswordRules.problem(password, "ann@example.org")).hasValue(why);
  }

  @org.junit.jupiter.api.Test
  void password_refusesMoreThan200Characters() {
    assertThat(PasswordRules.problem("ab".repeat(100), null)).isEmpty();
    assertThat(PasswordRules.problem("ab".repeat(100) + "c", null)).hasValue("at most 200 characters");
  }

  @org.junit.jupiter.api.Test
  void password_mustNotBeTheEmailsLocalPart() {
    assertThat(PasswordRules.problem("annalee1987", "AnnaLee1987@example.org")).hasValue("must not be your email address");
  }

  @ParameterizedTest
  @ValueSource(strings = {"Ann", "Zoë 🎬", "李小龙", "a", "0123456789012345678901234567890123456789"})
  void displayName_acceptsPrintableNamesUpTo40(String name) {
    assertThat(DisplayNameRules.problem(DisplayNameRules.normalize(name))).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "''                                         | required",
      "01234567890123456789012345678901234567890  | at most 40 characters"})
  void displayName_refusesEmptyAndLong(String name, String why) {
    assertThat(DisplayNameRules.problem(name)).hasValue(why);
  }

  @ParameterizedTest
  @ValueSource(strings = {"Ann\u0000", "Ann\nBob", "Ann\u202Egnp.exe", "zero\u200Bwidth", "bell\u0007"})
  void displayName_refusesControlAndFormatCharacters(String name) {
    assertThat(DisplayNameRules.problem(name)).hasValue("only printable characters");
  }

  @org.junit.jupiter.api.Test
  void displayName_isStrippedAndBlankMeansMissing() {
    assertThat(DisplayNameRules.normalize("  Ann  ")).isEqualTo("Ann");
    assertThat(DisplayNameRules.problem(DisplayNameRules.normalize("   "))).hasValue("required");
  }
}
