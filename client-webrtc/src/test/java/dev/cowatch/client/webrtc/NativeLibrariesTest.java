package dev.cowatch.client.webrtc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cowatch.core.NativeLibraryCheck;
import dev.cowatch.core.NativeLibraryCheck.NativeLibrary;
import dev.cowatch.core.NativeLibraryCheck.Unresolved;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * libwebrtc (webrtc-java's native library) finds every shared library it links on this machine: a new machine once
 * lacked PulseAudio's client library, which only a package installed later in the build had brought in.
 */
class NativeLibrariesTest {
  @Test
  void everyNativeLibraryOnTheTestClassPath_resolvesItsLinks() {
    List<NativeLibrary> libraries = NativeLibraryCheck.onTestClassPath();
    assertThat(libraries).extracting(NativeLibrary::fileName).contains("libwebrtc-java-linux-x86_64.so");
    assertThat(NativeLibraryCheck.unresolved(libraries)).extracting(Unresolved::advice).isEmpty();
  }
}
