package dev.cowatch.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarOutputStream;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NativeLibraryCheckTest {
  /** The list's own library lines are the vectors: each soname beside the package that brings it. */
  @Test
  void debianPackage_namesThePackageOfEveryLibraryInTheMachineList() throws IOException {
    List<String[]> libraries = Files.readAllLines(Path.of("../scripts/machine-packages.txt")).stream()
        .filter(l -> !l.startsWith("#") && l.contains(".so")).map(l -> l.trim().split("\\s+")).toList();
    assertThat(libraries).as("library lines in the machine list").hasSizeGreaterThanOrEqualTo(7);
    for (String[] line : libraries) {
      assertThat(NativeLibraryCheck.debianPackage(line[0])).as(line[0]).isEqualTo(line[1].split(",")[0]);
    }
  }

  @ParameterizedTest
  @CsvSource({
      "libstdc++.so.6, libstdc++6",
      "libGL.so.1, libgl1",
      "libgstreamer-1.0.so.0, libgstreamer-1.0-0",
      "libz.so.1, libz1",
  })
  void debianPackage_followsDebiansNamingRule(String soname, String expected) {
    assertThat(NativeLibraryCheck.debianPackage(soname)).isEqualTo(expected);
  }

  @Test
  void debianPackage_withoutAVersion_saysHowToFindIt() {
    assertThat(NativeLibraryCheck.debianPackage("libodd.so")).contains("apt-file search libodd.so");
  }

  @ParameterizedTest
  @CsvSource({
      "org/sqlite/native/Linux/x86_64/libsqlitejdbc.so, true",
      "libwebrtc-java-linux-x86_64.so, true",
      "com/code_intelligence/jazzer/jazzer_preload_linux_x86_64/libjazzer_preload.so, true",
      "com/sun/jna/linux-x86-64/libjnidispatch.so, true",
      "linux/amd64/libzstd-jni-1.5.7-4.so, true",
      "org/sqlite/native/Linux-Musl/x86_64/libsqlitejdbc.so, false",
      "org/sqlite/native/Linux-Android/x86_64/libsqlitejdbc.so, false",
      "org/sqlite/native/Linux/aarch64/libsqlitejdbc.so, false",
      "org/sqlite/native/Mac/x86_64/libsqlitejdbc.dylib, false",
      "org/sqlite/native/Windows/x86_64/sqlitejdbc.dll, false",
      "docs/linux-x86_64/README.txt, false",
  })
  void forThisMachine_takesOnlyLinuxX8664GlibcLibraries(String entry, boolean expected) {
    assertThat(NativeLibraryCheck.forThisMachine(entry)).isEqualTo(expected);
  }

  /** A library built here against one that is then taken away: the check names it and its package. */
  @Test
  void unresolved_namesWhatALibraryLinksAndTheMachineLacks(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("gone.c"), "int gone(void) { return 1; }\n");
    Files.writeString(dir.resolve("probe.c"), "int gone(void); int probe(void) { return gone(); }\n");
    gcc(dir, "-shared", "-fPIC", "-Wl,-soname,libcowatchgone.so.3", "-o", "libcowatchgone.so.3", "gone.c");
    Files.createSymbolicLink(dir.resolve("libcowatchgone.so"), Path.of("libcowatchgone.so.3"));
    gcc(dir, "-shared", "-fPIC", "-o", "libprobe.so", "probe.c", "-L.", "-lcowatchgone");
    Files.delete(dir.resolve("libcowatchgone.so.3"));
    Path jar = dir.resolve("probe.jar");
    try (var out = new JarOutputStream(Files.newOutputStream(jar))) {
      out.putNextEntry(new ZipEntry("native/linux-x86_64/libprobe.so"));
      out.write(Files.readAllBytes(dir.resolve("libprobe.so")));
    }

    var found = NativeLibraryCheck.unresolved(List.of(new NativeLibraryCheck.NativeLibrary(jar,
        "native/linux-x86_64/libprobe.so")));

    assertThat(found).singleElement().satisfies(u -> {
      assertThat(u.missing()).containsExactly("libcowatchgone.so.3");
      assertThat(u.advice()).contains("libprobe.so (in probe.jar)", "libcowatchgone.so.3  libcowatchgone3");
    });
  }

  private static void gcc(Path dir, String... args) throws Exception {
    var command = new java.util.ArrayList<>(List.of("gcc"));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("gcc finished").isTrue();
    assertThat(p.exitValue()).as(out).isZero();
  }
}
