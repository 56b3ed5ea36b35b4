package dev.cowatch.server;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The server's own classes (not its tests) as ArchUnit sees them, imported once per test JVM: the import resolves
 * every class they touch from the class path (Jetty's, Javalin's, ...), which took 9 to 16 s for each of the rules'
 * test classes that made its own (a clean-clone run, 2026-11-28).
 */
public final class ServerClasses {
  private static JavaClasses imported;

  private ServerClasses() {}

  public static synchronized JavaClasses main() {
    if (imported == null) {
      imported = new ClassFileImporter().withImportOption(new ImportOption.DoNotIncludeTests())
          .importPackages("dev.cowatch.server");
    }
    return imported;
  }
}
