package dev.cowatch.e2e;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the build put the unpacked Chromium extension (extension/target/extension/chromium). */
public final class ExtensionBuild {
  private ExtensionBuild() {}

  /** {@code -Dcowatch.extension.dir}, else the build's output seen from the repository root or from a module. */
  public static Path chromiumDir() {
    String property = System.getProperty("cowatch.extension.dir");
    if (property != null && !property.isBlank()) return check(Path.of(property));
    for (String dir : new String[] {"extension/target/extension/chromium", "../extension/target/extension/chromium"}) {
      Path p = Path.of(dir);
      if (Files.isRegularFile(p.resolve("manifest.json"))) return p.toAbsolutePath();
    }
    throw new IllegalStateException("the extension is not built: run ./mvnw -pl extension -am package (or set -Dcowatch.extension.dir)");
  }

  /** The extension's sources (its build.mjs and node_modules), beside the built Chromium extension. */
  public static Path sourceDir() {
    return chromiumDir().getParent().getParent().getParent();
  }

  private static Path check(Path dir) {
    if (!Files.isRegularFile(dir.resolve("manifest.json"))) throw new IllegalStateException("no manifest.json in " + dir);
    return dir.toAbsolutePath();
  }
}
