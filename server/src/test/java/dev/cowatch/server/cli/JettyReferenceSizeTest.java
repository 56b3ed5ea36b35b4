package dev.cowatch.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class JettyReferenceSizeTest {
  private final String before = System.getProperty(Main.JETTY_REFERENCES_PER_CACHE_LINE);

  @AfterEach
  void restore() {
    if (before == null) System.clearProperty(Main.JETTY_REFERENCES_PER_CACHE_LINE);
    else System.setProperty(Main.JETTY_REFERENCES_PER_CACHE_LINE, before);
  }

  @Test
  void jettyIsTold_16ReferencesPerLine_whenTheHeapAllowsCompressedReferences_else8() {
    System.clearProperty(Main.JETTY_REFERENCES_PER_CACHE_LINE);
    Main.tellJettyTheReferenceSize();
    String expected = Runtime.getRuntime().maxMemory() < 32L << 30 ? "16" : "8";
    assertThat(System.getProperty(Main.JETTY_REFERENCES_PER_CACHE_LINE)).isEqualTo(expected);
  }

  @Test
  void anOperatorsOwnSetting_isKept() {
    System.setProperty(Main.JETTY_REFERENCES_PER_CACHE_LINE, "8");
    Main.tellJettyTheReferenceSize();
    assertThat(System.getProperty(Main.JETTY_REFERENCES_PER_CACHE_LINE)).isEqualTo("8");
  }
}
