package dev.cowatch.server.showing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cowatch.server.TestServer;
import dev.cowatch.server.http.Api;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Times and lengths out of any sane range are refused with a reason, never a 500 or a negative end. */
class ShowingBoundsTest {
  private static TestServer server;
  private static Api api;
  private static Api.Who ann;

  @BeforeAll
  static void start() {
    server = new TestServer();
    api = new Api(server);
    ann = api.account("Ann");
  }

  @AfterAll
  static void stop() {
    api.close();
    server.close();
  }

  static Stream<Arguments> outOfRange() {
    String inTwoDays = java.time.LocalDateTime.now(java.time.ZoneOffset.UTC).plusDays(2).withSecond(0).withNano(0)
        .toString();
    return Stream.of(
        Arguments.of("the last year there is", "+999999999-12-31T23:59", "UTC", 60_000L),
        Arguments.of("the first year there is", "-999999999-01-01T00:00", "UTC", 60_000L),
        Arguments.of("a start past the 14 h zones", "+999999999-12-31T23:59", "Pacific/Kiritimati", 60_000L),
        Arguments.of("an episode of 2^62 ms", inTwoDays, "UTC", 1L << 62),
        Arguments.of("an episode of Long.MAX_VALUE ms", inTwoDays, "UTC", Long.MAX_VALUE),
        Arguments.of("a negative episode", inTwoDays, "UTC", -5L),
        Arguments.of("an episode of no time", inTwoDays, "UTC", 0L),
        Arguments.of("an episode of 25 hours", inTwoDays, "UTC", 25L * 3_600_000));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("outOfRange")
  void out_of_range_times_and_lengths_are_refused_with_a_reason(String what, String startsAt, String zone,
      long durationMs) {
    String body = "{\"title\":\"Far\",\"startsAt\":\"" + startsAt + "\",\"timeZone\":\"" + zone + "\",\"episodes\":["
        + "{\"mediaId\":\"https://example.org/a.mp4\",\"durationMs\":" + durationMs + "},"
        + "{\"mediaId\":\"https://example.org/b.mp4\",\"durationMs\":60000}]}";

    Api.Reply r = api.call("POST", "/api/showings", body, ann.token());

    assertThat(r.status()).as(r.body()).isBetween(400, 499);
    assertThat(r.contentType()).startsWith("application/problem+json");
    assertThat(r.body()).doesNotContain("Exception").doesNotContain("at dev.cowatch");
  }
}
