package dev.cowatch.server.room;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The room module's house: its front door at the root (the façades and their wiring), its doors to the outside
 * ({@code ws}, {@code http}, {@code preview}) using that front door, and below it parts that depend one way:
 * {@code members} and {@code media} on {@code decisions}, which uses {@code upkeep} and {@code broadcast}, down to
 * {@code live} and {@code bus}. A part below the front door that reached back up to it, or two parts that used each
 * other, would make the house one knot again.
 */
class RoomHouseTest {
  private static final String ROOM = "dev.cowatch.server.room";
  /** The doors to the outside: sockets, REST, link previews. They stand on the front door. */
  private static final String[] DOORS = {ROOM + ".ws..", ROOM + ".http..", ROOM + ".preview.."};

  private static JavaClasses room;

  @BeforeAll
  static void importRoom() {
    room = new ClassFileImporter().withImportOption(new ImportOption.DoNotIncludeTests()).importPackages(ROOM);
    assertThat(room.contain(RoomService.class.getName())).as("an empty import would pass vacuously").isTrue();
  }

  @Test
  void the_parts_use_each_other_one_way() {
    slices().matching(ROOM + ".(*)..").should().beFreeOfCycles().check(room);
  }

  @Test
  void nothing_below_the_front_door_uses_it() {
    noClasses().that().resideInAPackage(ROOM + ".(*)..").and().resideOutsideOfPackages(DOORS)
        .should().dependOnClassesThat().resideInAPackage(ROOM)
        .because("the root holds the façades, which stand on the parts below; only the doors use them")
        .check(room);
  }

  @Test
  void the_parts_inside_know_no_door() {
    noClasses().that().resideInAPackage(ROOM + ".(*)..").and().resideOutsideOfPackages(DOORS)
        .should().dependOnClassesThat().resideInAnyPackage(DOORS)
        .because("sockets, REST and previews are wired in by the root (RoomModule), never reached from inside")
        .check(room);
  }
}
