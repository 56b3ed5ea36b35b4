package dev.cowatch.core;

import static com.tngtech.archunit.core.domain.JavaCall.Predicates.target;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.type;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.name;
import static com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaCall;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import dev.cowatch.archfixture.ImpureFixtures;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Keeps {@code core} a pure domain: no I/O, no threads, no clock (STYLE.md 1 and 9). */
class ArchitectureTest {
  private static final String FIXTURES = "dev.cowatch.archfixture..";

  private static final String[] FORBIDDEN_PACKAGES = {
    "java.io..", "java.nio..", "java.net..", "java.net.http..", "java.sql..", "javax.sql..",
    "io.javalin..", "org.eclipse.jetty..", "com.fasterxml..", "java.util.concurrent.."
  };

  /** The rule, for any set of packages, so that the fixture test exercises the very same rule. */
  static ArchRule pureDomain(String... packages) {
    return noClasses().that().resideInAnyPackage(packages)
        .should().dependOnClassesThat().resideInAnyPackage(FORBIDDEN_PACKAGES)
        .orShould().dependOnClassesThat().belongToAnyOf(Thread.class, Clock.class)
        .orShould().callMethod(System.class, "currentTimeMillis")
        .orShould().callMethod(System.class, "nanoTime")
        .orShould().callMethodWhere(readsWallClock())
        .because("time is passed in as an argument and effects live outside the core (STYLE.md 1, 2)");
  }

  /** Any overload of {@code now(...)} on the java.time types that can read the system clock. */
  private static DescribedPredicate<JavaCall<?>> readsWallClock() {
    DescribedPredicate<JavaCall<?>> nowOnClockReadingType =
        target(owner(type(Instant.class)
            .or(type(LocalDateTime.class))
            .or(type(ZonedDateTime.class))
            .or(type(OffsetDateTime.class))
            .or(type(LocalDate.class))
            .or(type(LocalTime.class))));
    return nowOnClockReadingType.and(target(name("now"))).as("a java.time now(...)");
  }

  @Test
  void core_dependsOnNoIoThreadsOrClock() {
    JavaClasses core = new ClassFileImporter()
        .withImportOption(new ImportOption.DoNotIncludeTests())
        .importPackages("dev.cowatch.core");

    // An empty import would pass vacuously.
    assertThat(core.contain("dev.cowatch.core.room.RoomDecider")).isTrue();
    assertThat(core.contain("dev.cowatch.core.sync.SyncController")).isTrue();
    assertThat(core.contain(ArchitectureTest.class)).as("test classes are not imported").isFalse();

    pureDomain("dev.cowatch.core..").check(core);
  }

  static Stream<Arguments> impureFixtures() {
    return Stream.of(
        Arguments.of(ImpureFixtures.ReadsCurrentTimeMillis.class, "currentTimeMillis"),
        Arguments.of(ImpureFixtures.ReadsNanoTime.class, "nanoTime"),
        Arguments.of(ImpureFixtures.ReadsInstantNow.class, "Instant.now"),
        Arguments.of(ImpureFixtures.ReadsLocalDateTimeNow.class, "LocalDateTime.now"),
        Arguments.of(ImpureFixtures.ReadsZonedDateTimeNowWithZone.class, "ZonedDateTime.now"),
        Arguments.of(ImpureFixtures.ReadsOffsetDateTimeNow.class, "OffsetDateTime.now"),
        Arguments.of(ImpureFixtures.UsesJavaTimeClock.class, "java.time.Clock"),
        Arguments.of(ImpureFixtures.Sleeps.class, "Thread.sleep"),
        Arguments.of(ImpureFixtures.StartsAnExecutor.class, "java.util.concurrent.Executors"),
        Arguments.of(ImpureFixtures.ReadsAFile.class, "java.nio.file.Files"),
        Arguments.of(ImpureFixtures.UsesHttp.class, "java.net.http.HttpClient"),
        Arguments.of(ImpureFixtures.UsesJdbcTypes.class, "java.sql.Timestamp"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("impureFixtures")
  void rule_reportsImpureClass(Class<?> fixture, String expectedInReport) {
    JavaClasses classes = new ClassFileImporter().importClasses(fixture);
    ArchRule rule = pureDomain(FIXTURES);

    EvaluationResult result = rule.evaluate(classes);

    assertThat(result.hasViolation()).isTrue();
    assertThat(result.getFailureReport().getDetails()).anyMatch(line -> line.contains(expectedInReport));
    assertThatThrownBy(() -> rule.check(classes)).isInstanceOf(AssertionError.class);
  }

  @Test
  void rule_acceptsPureClass() {
    JavaClasses classes = new ClassFileImporter().importClasses(ImpureFixtures.Pure.class);

    assertThat(pureDomain(FIXTURES).evaluate(classes).hasViolation()).isFalse();
  }
}
