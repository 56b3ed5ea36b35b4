package dev.cowatch.e2e.webdriver;

import java.io.IOException;

/**
 * One browser page driven from outside, the same for every engine: WebKit over W3C WebDriver
 * ({@link WebDriverSession}), Firefox over WebDriver BiDi ({@link BidiSession}). Clicks and typing are
 * real input events (they count as the person's gesture in the page).
 */
public interface RemotePage extends AutoCloseable {
  void navigate(String url) throws IOException;

  /** The JSON text of what {@code expression} gives in the page; a Promise is awaited. */
  String evaluate(String expression) throws IOException;

  /** Clicks the first element {@code css} selects, waiting a while for it to appear. */
  void click(String css) throws IOException;

  /** Types {@code text} into the first element {@code css} selects. */
  void type(String css, String text) throws IOException;

  /** Makes the page {@code width} x {@code height} CSS pixels (or its window that size, where only that can be set). */
  void resize(int width, int height) throws IOException;

  /** A PNG of the page as shown. */
  byte[] screenshot() throws IOException;

  @Override
  void close();
}
