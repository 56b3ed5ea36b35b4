package dev.cowatch.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cowatch.core.NativeLibraryCheck.NativeLibrary;
import dev.cowatch.core.NativeLibraryCheck.Unresolved;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Jazzer's native libraries (the fuzz tests load them) find what they link on this machine. */
class NativeLibrariesTest {
  @Test
  void everyNativeLibraryOnTheTestClassPath_resolvesItsLinks() {
    List<NativeLibrary> libraries = NativeLibraryCheck.onTestClassPath();
    assertThat(libraries).extracting(NativeLibrary::fileName).contains("libjazzer_driver.so", "libjazzer_preload.so");
    assertThat(NativeLibraryCheck.unresolved(libraries)).extracting(Unresolved::advice).isEmpty();
  }
}
