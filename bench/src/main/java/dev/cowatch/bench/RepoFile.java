package dev.cowatch.bench;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A file of the project's own (a script, a template) wherever the run started: bench/run starts at the project's root,
 * the module's tests in bench/.
 */
public final class RepoFile {
  private RepoFile() {}

  public static Path of(String first, String... more) {
    Path relative = Path.of(first, more);
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.exists(dir.resolve(relative))) return dir.resolve(relative);
    }
    throw new IllegalStateException(relative + " is in no folder from " + Path.of("").toAbsolutePath() + " up");
  }
}
