package dev.cowatch.server;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.EvaluationResult;
import com.tngtech.archunit.library.Architectures.LayeredArchitecture;
import dev.cowatch.server.archfixture.modules.Composition;
import dev.cowatch.server.archfixture.modules.cli.CliStartsComposition;
import dev.cowatch.server.archfixture.modules.room.RoomUsesEntryPoints;
import dev.cowatch.server.archfixture.modules.room.RoomUsesSocial;
import dev.cowatch.server.archfixture.modules.social.SocialUsesRoom;
import dev.cowatch.server.cli.Main;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The server's modules depend one way. Each row names a module (a package and its subpackages) and the
 * only modules it may use; core and protocol are outside the table and free to use. Two layers sit above
 * the table: the composition root (the classes of the root package itself: {@link CowatchServer},
 * {@link ServerConfig}, the log setup), which only the command line uses, and the command line
 * ({@code cli}: {@link Main} and the operator's commands), which starts the root, may use every module and
 * is used by nothing. Platform uses no module. A class in a package the table does not name fails the
 * check, so a new package has to take its place here.
 */
class ModuleDependenciesTest {
  /** Module -> the modules it may use. Order: a module uses only modules above it. */
  static final Map<String, List<String>> ALLOWED = table(
      "platform", List.of(),
      "audit", List.of("platform"),
      "account", List.of("platform", "audit"),
      "room", List.of("platform", "account", "audit"),
      "history", List.of("platform", "account", "room"),
      "chat", List.of("platform", "account", "room"),
      "social", List.of("platform", "account", "room"),
      "media", List.of("platform", "account", "room"),
      // The relay is for members of a room whose peers connect: rtc asks rooms, rooms know nothing of rtc.
      "rtc", List.of("platform", "account", "room"),
      "showing", List.of("platform", "account", "room", "social", "media"),
      // Syncplay clients are room members through another door: rooms know nothing of it.
      "syncplay", List.of("platform", "account", "room"),
      // The API document describes every module's routes; only the composition root serves it.
      "openapi", List.of("platform", "media"),
      // The operator's side measures the others: it fills in their metrics ports and reads their figures.
      "ops", List.of("platform", "room"),
      // The site's administrators act on accounts (bans), rooms (closing) and read the audit log.
      "admin", List.of("platform", "audit", "account", "room"));

  private static Map<String, List<String>> table(Object... rows) {
    Map<String, List<String>> table = new LinkedHashMap<>();
    for (int i = 0; i < rows.length; i += 2) {
      @SuppressWarnings("unchecked")
      List<String> uses = (List<String>) rows[i + 1];
      table.put((String) rows[i], uses);
    }
    return table;
  }

  /**
   * The table as an ArchUnit rule over the packages under {@code base}: the root is {@code base} itself, the
   * command line {@code base.cli} and below; the cli may use anything, so no row limits what it uses.
   */
  static LayeredArchitecture modules(String base) {
    LayeredArchitecture rule = layeredArchitecture().consideringOnlyDependenciesInLayers()
        .layer("root").definedBy(base)
        .layer("cli").definedBy(base + ".cli..");
    for (String module : ALLOWED.keySet()) rule = rule.layer(module).definedBy(base + "." + module + "..");
    rule = rule.whereLayer("cli").mayNotBeAccessedByAnyLayer()
        .whereLayer("root").mayOnlyBeAccessedByLayers("cli");
    for (Map.Entry<String, List<String>> row : ALLOWED.entrySet()) {
      rule = row.getValue().isEmpty() ? rule.whereLayer(row.getKey()).mayNotAccessAnyLayer()
          : rule.whereLayer(row.getKey()).mayOnlyAccessLayers(row.getValue().toArray(String[]::new));
    }
    return rule;
  }

  @Test
  void modules_depend_only_as_the_table_allows() {
    JavaClasses server = ServerClasses.main();
    assertThat(server.contain(CowatchServer.class.getName())).as("an empty import would pass vacuously").isTrue();
    assertThat(server.contain(Main.class.getName())).as("the cli layer is not empty").isTrue();

    modules("dev.cowatch.server").ensureAllClassesAreContainedInArchitecture().check(server);
  }

  @Test
  void the_rule_catches_rooms_using_social() {
    JavaClasses classes = new ClassFileImporter().importClasses(RoomUsesSocial.class, SocialUsesRoom.class);

    EvaluationResult result = modules(FIXTURES).withOptionalLayers(true).evaluate(classes);

    assertThat(result.hasViolation()).isTrue();
    assertThat(result.getFailureReport().getDetails())
        .anyMatch(line -> line.contains(RoomUsesSocial.class.getName()) && line.contains("SocialUsesRoom"))
        .noneMatch(line -> line.startsWith("Method <" + SocialUsesRoom.class.getName()));
  }

  @Test
  void social_using_rooms_passes() {
    JavaClasses classes = new ClassFileImporter().importClasses(SocialUsesRoom.class);

    assertThat(modules(FIXTURES).withOptionalLayers(true).evaluate(classes).hasViolation()).isFalse();
  }

  @Test
  void the_rule_catches_a_module_using_the_root_or_the_cli() {
    JavaClasses classes = new ClassFileImporter()
        .importClasses(RoomUsesEntryPoints.class, Composition.class, CliStartsComposition.class);

    EvaluationResult result = modules(FIXTURES).withOptionalLayers(true).evaluate(classes);

    assertThat(result.getFailureReport().getDetails())
        .anyMatch(line -> line.contains(RoomUsesEntryPoints.class.getName()) && line.contains(Composition.class.getName()))
        .anyMatch(line -> line.contains(RoomUsesEntryPoints.class.getName()) && line.contains("CliStartsComposition"))
        .noneMatch(line -> line.startsWith("Method <" + CliStartsComposition.class.getName()));
  }

  @Test
  void the_cli_starting_the_root_passes() {
    JavaClasses classes = new ClassFileImporter().importClasses(CliStartsComposition.class, Composition.class);

    assertThat(modules(FIXTURES).withOptionalLayers(true).evaluate(classes).hasViolation()).isFalse();
  }

  private static final String FIXTURES = "dev.cowatch.server.archfixture.modules";
}
