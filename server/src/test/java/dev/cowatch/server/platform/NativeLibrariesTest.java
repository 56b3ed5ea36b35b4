package dev.cowatch.server.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cowatch.core.NativeLibraryCheck;
import dev.cowatch.core.NativeLibraryCheck.NativeLibrary;
import dev.cowatch.core.NativeLibraryCheck.Unresolved;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The server's native code finds what it links on this machine: SQLite's (the embedded store), Jazzer's (the fuzz
 * tests) and any other library a dependency brings, checked with ldd before anything loads one.
 */
class NativeLibrariesTest {
  @Test
  void everyNativeLibraryOnTheTestClassPath_resolvesItsLinks() {
    List<NativeLibrary> libraries = NativeLibraryCheck.onTestClassPath();
    assertThat(libraries).extracting(NativeLibrary::fileName).contains("libsqlitejdbc.so", "libjazzer_driver.so");
    assertThat(NativeLibraryCheck.unresolved(libraries)).extracting(Unresolved::advice).isEmpty();
  }
}
