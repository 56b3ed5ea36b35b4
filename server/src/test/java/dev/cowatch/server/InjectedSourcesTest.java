package dev.cowatch.server;

import static com.tngtech.archunit.core.domain.JavaCall.Predicates.target;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.type;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.name;
import static com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaCall;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import dev.cowatch.server.archfixture.OwnSources;
import dev.cowatch.server.cli.Main;
import dev.cowatch.server.media.storage.LocalDiskMediaStore;
import dev.cowatch.server.platform.Ids;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The server reads the time of day and draws randomness only through what it is given: the
 * {@link Clock} and the {@link Ids} passed to {@link CowatchServer}, so that a test can fix both.
 * The entry points that make them ({@link Main} and its commands {@code AuditCommand} and
 * {@code AdminCommand}) and {@link Ids} itself are the exceptions, and {@link LocalDiskMediaStore}, whose file ages are measured against the file
 * system's own clock. Elapsed time ({@code System.nanoTime}, for rate buckets and durations in
 * logs) is not the time of day and is not checked here.
 */
class InjectedSourcesTest {
  private static final String FIXTURES = "dev.cowatch.server.archfixture..";
  /** The commands of {@link Main} that read the clock (package-private, so named; a rename fails the check). */
  private static final String CLI_COMMANDS = "dev\\.cowatch\\.server\\.cli\\.(AuditCommand|AdminCommand)(\\$.*)?";

  static ArchRule noOwnRandomness(String packages) {
    return noClasses().that().resideInAPackage(packages).and().doNotBelongToAnyOf(Ids.class)
        .should().callConstructor(SecureRandom.class)
        .orShould().callConstructor(Random.class)
        .orShould().callConstructor(Random.class, long.class)
        .orShould().callMethod(UUID.class, "randomUUID")
        .orShould().callMethod(ThreadLocalRandom.class, "current")
        .orShould().callMethod(Math.class, "random")
        .because("ids and secrets come from the injected Ids, so tests can make them predictable");
  }

  static ArchRule noOwnClock(String packages) {
    return noClasses().that().resideInAPackage(packages)
        .and().doNotBelongToAnyOf(Main.class, LocalDiskMediaStore.class).and().haveNameNotMatching(CLI_COMMANDS)
        .should().callMethod(System.class, "currentTimeMillis")
        .orShould().callMethodWhere(readsWallClock())
        .orShould().callMethodWhere(target(owner(type(Clock.class))).and(target(name("systemUTC"))
            .or(target(name("systemDefaultZone")))).as("Clock.systemUTC() or systemDefaultZone()"))
        .because("the time of day comes from the injected Clock, so tests can move it");
  }

  private static DescribedPredicate<JavaCall<?>> readsWallClock() {
    return target(owner(type(Instant.class).or(type(LocalDateTime.class)).or(type(ZonedDateTime.class))
        .or(type(OffsetDateTime.class)).or(type(LocalDate.class)).or(type(LocalTime.class))))
        .and(target(name("now"))).as("a java.time now(...)");
  }

  @Test
  void the_server_takes_time_and_randomness_from_what_it_is_given() {
    JavaClasses server = ServerClasses.main();
    assertThat(server.contain(CowatchServer.class.getName())).as("an empty import would pass vacuously").isTrue();
    assertThat(server.contain(InjectedSourcesTest.class.getName())).isFalse();

    noOwnRandomness("dev.cowatch.server..").check(server);
    noOwnClock("dev.cowatch.server..").check(server);
  }

  static Stream<Arguments> ownSources() {
    return Stream.of(
        Arguments.of(OwnSources.MakesSecureRandom.class, "SecureRandom"),
        Arguments.of(OwnSources.MakesRandom.class, "java.util.Random"),
        Arguments.of(OwnSources.UsesRandomUuid.class, "randomUUID"),
        Arguments.of(OwnSources.UsesThreadLocalRandom.class, "ThreadLocalRandom"),
        Arguments.of(OwnSources.ReadsInstantNow.class, "Instant.now"),
        Arguments.of(OwnSources.ReadsCurrentTimeMillis.class, "currentTimeMillis"),
        Arguments.of(OwnSources.TakesTheSystemClock.class, "systemUTC"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("ownSources")
  void the_rules_catch_a_class_that_draws_its_own(Class<?> fixture, String expectedInReport) {
    JavaClasses classes = new ClassFileImporter().importClasses(fixture);
    EvaluationResult randomness = noOwnRandomness(FIXTURES).evaluate(classes);
    EvaluationResult clock = noOwnClock(FIXTURES).evaluate(classes);

    assertThat(randomness.hasViolation() || clock.hasViolation()).isTrue();
    assertThat(Stream.concat(randomness.getFailureReport().getDetails().stream(),
        clock.getFailureReport().getDetails().stream())).anyMatch(line -> line.contains(expectedInReport));
  }

  @Test
  void a_class_that_uses_what_it_is_given_passes() {
    JavaClasses classes = new ClassFileImporter().importClasses(OwnSources.UsesWhatItIsGiven.class);
    assertThat(noOwnRandomness(FIXTURES).evaluate(classes).hasViolation()).isFalse();
    assertThat(noOwnClock(FIXTURES).evaluate(classes).hasViolation()).isFalse();
  }
}
