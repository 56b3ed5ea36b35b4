package dev.cowatch.server.platform;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * This build's version ({@code cowatch-version.properties}, filled in by Maven): what {@code --version} prints,
 * {@code /api/health} reports and a refused newer database is told. Read from a resource, not from the jar's
 * Implementation-Version, because tests run the server from class directories, which have no manifest.
 */
public final class BuildVersion {
  private static final String VALUE = read();

  private BuildVersion() {}

  /** E.g. "0.1.0-SNAPSHOT"; "unknown" when the build did not say. */
  public static String current() {
    return VALUE;
  }

  private static String read() {
    try (InputStream in = BuildVersion.class.getResourceAsStream("/cowatch-version.properties")) {
      if (in == null) return "unknown";
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }
}
