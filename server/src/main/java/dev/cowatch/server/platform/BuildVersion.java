package dev.cowatch.server.platform;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * This build's version ({@code cowatch-version.properties}, filled in by Maven): what {@code /api/health}
 * reports and what a refused newer database is told. The jar's manifest carries no Implementation-Version.
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
