package dev.cowatch.e2e;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * axe-core (web/node_modules, a devDependency of the web app) in a page: every rule tagged WCAG 2.0
 * and 2.1 level A and AA. Installed as an init script, which Chromium runs outside the page's
 * Content-Security-Policy, so the app is checked with its real CSP in force.
 */
final class Axe {
  /** The rules WCAG 2.1 AA asks for (axe's tags). */
  static final List<String> TAGS = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa");

  private static final String RUN = """
      async (tags) => {
        const r = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
        return r.violations.flatMap((v) => v.nodes.map((n) =>
          v.id + ' [' + v.impact + '] ' + n.target.join(' ') + ': ' + (n.failureSummary || '').replace(/\\s+/g, ' ')));
      }""";

  private static String source;

  private Axe() {}

  static void install(BrowserContext context) {
    context.addInitScript(source());
  }

  /** The violations on the page as it is now, one line per element: rule, impact, selector, why. */
  @SuppressWarnings("unchecked")
  static List<String> violations(Page page) {
    page.waitForFunction("() => typeof window.axe === 'object'");
    return new ArrayList<>((List<String>) page.evaluate(RUN, TAGS));
  }

  private static synchronized String source() {
    if (source == null) {
      Path path = Path.of(System.getProperty("cowatch.axe", "../web/node_modules/axe-core/axe.min.js"));
      try {
        source = Files.readString(path);
      } catch (IOException e) {
        throw new UncheckedIOException("axe-core not found at " + path.toAbsolutePath()
            + ": run npm install in web/ (or set -Dcowatch.axe)", e);
      }
    }
    return source;
  }
}
