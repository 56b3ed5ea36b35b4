package dev.cowatch.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the launcher ({@code ./cowatch}) decides before the JVM starts, and so what {@code bench/run
 * startup} measures: which JDK (scripts/jdk.sh) and which class archive (scripts/class-archive.sh).
 */
class LauncherScriptsTest {
  private static final Path SCRIPTS = Path.of("..", "scripts").toAbsolutePath().normalize();

  @TempDir
  Path dir;

  /** Runs {@code script} in bash in {@code dir}, with the launcher's options; its standard output. */
  private String bash(String script) throws IOException, InterruptedException {
    Process p = new ProcessBuilder("bash", "-c", "set -euo pipefail\n" + script).directory(dir.toFile())
        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    return out.strip();
  }

  /** A JDK home whose java fails when run: a version read from it came from the release file. */
  private Path fakeJdk(String name, String release, String javaSays) throws IOException {
    Path home = dir.resolve(name);
    Files.createDirectories(home.resolve("bin"));
    if (release != null) Files.writeString(home.resolve("release"), release);
    Path java = home.resolve("bin/java");
    Files.writeString(java, "#!/bin/sh\n" + (javaSays == null ? "exit 1\n" : "echo '" + javaSays + "' >&2\n"));
    Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
    return java;
  }

  @Test
  void javaMajor_comesFromTheReleaseFile_withoutRunningThatJava() throws Exception {
    Path java = fakeJdk("jdk25", "IMPLEMENTOR=\"Eclipse Adoptium\"\nJAVA_VERSION=\"25.0.3\"\n", null);
    assertThat(bash(". " + SCRIPTS.resolve("jdk.sh") + "; java_major " + java)).isEqualTo("25");
  }

  @Test
  void javaMajor_asksTheJvm_whenTheReleaseFileIsMissingOrSaysJdk8() throws Exception {
    Path old = fakeJdk("jdk8", "JAVA_VERSION=\"1.8.0_402\"\n", "    java.specification.version = 1.8");
    Path bare = fakeJdk("bare", null, "    java.specification.version = 21");
    assertThat(bash(". " + SCRIPTS.resolve("jdk.sh") + "; java_major " + old)).isEqualTo("1.8");
    assertThat(bash(". " + SCRIPTS.resolve("jdk.sh") + "; java_major " + bare)).isEqualTo("21");
  }

  private String archiveOptions(String args) throws Exception {
    return bash("JAVA=/bin/true; . " + SCRIPTS.resolve("class-archive.sh")
        + "; class_archive_options target/app.jar target/lib " + args + "; echo \"${CLASS_ARCHIVE_OPTS[*]:-}\"");
  }

  @Test
  void theClassArchive_isNamedAfterTheJars_andReplacedWhenOneChanges() throws Exception {
    Files.createDirectories(dir.resolve("target/lib"));
    Files.writeString(dir.resolve("target/app.jar"), "app");
    Path lib = Files.writeString(dir.resolve("target/lib/a.jar"), "a");
    Files.setLastModifiedTime(lib, FileTime.from(Instant.parse("2026-01-01T00:00:00Z")));

    String first = archiveOptions("--port 8080");
    assertThat(first).matches("-XX:SharedArchiveFile=" + dir.toRealPath() + "/target/cowatch-server-\\d+\\.jsa "
        + "-XX:\\+AutoCreateSharedArchive -Xlog:cds=off,cds\\+dynamic=off");
    assertThat(archiveOptions("--port 8080")).as("the same jars, the same archive").isEqualTo(first);
    Path archive = Path.of(first.split(" ")[0].substring("-XX:SharedArchiveFile=".length()));
    Files.writeString(archive, "as the JVM would have written it at exit");

    Files.setLastModifiedTime(lib, FileTime.from(Instant.parse("2026-01-01T00:00:01Z")));
    String rebuilt = archiveOptions("--port 8080");
    assertThat(rebuilt).isNotEqualTo(first);
    assertThat(archive).as("the stale archive is removed").doesNotExist();
  }

  @Test
  void onJdk25_theFirstStartRecords_laterStartsMapTheAotCache_andARebuildStartsOver() throws Exception {
    Files.createDirectories(dir.resolve("target/lib"));
    Files.writeString(dir.resolve("target/app.jar"), "app");
    Path lib = Files.writeString(dir.resolve("target/lib/a.jar"), "a");
    Files.setLastModifiedTime(lib, FileTime.from(Instant.parse("2026-01-01T00:00:00Z")));
    String options = "JAVA=/bin/true; JAVA_MAJOR=25; . " + SCRIPTS.resolve("class-archive.sh")
        + "; class_archive_options target/app.jar target/lib --port 8080; echo \"$AOT_TRAINING|${CLASS_ARCHIVE_OPTS[*]}\"";

    String training = bash(options);
    String cache = training.substring(0, training.indexOf('|'));
    assertThat(cache).matches(dir.toRealPath() + "/target/cowatch-server-\\d+\\.aot");
    assertThat(training).endsWith("|-XX:AOTMode=record -XX:AOTConfiguration=" + cache + ".config -Xlog:aot=off,cds=off");

    Files.writeString(Path.of(cache), "as aot_create would have assembled it");
    assertThat(bash(options)).isEqualTo("|-XX:AOTCache=" + cache + " -Xlog:aot=off,cds=off");

    Files.setLastModifiedTime(lib, FileTime.from(Instant.parse("2026-01-01T00:00:01Z")));
    assertThat(bash(options)).contains("-XX:AOTMode=record").doesNotContain(cache + ".config");
    assertThat(Path.of(cache)).as("the stale cache is removed").doesNotExist();
  }

  @Test
  void aotCreate_renamesTheAssembledCacheIntoPlace_andDropsTheRecording() throws Exception {
    Path fakeJava = dir.resolve("java");
    // Stands in for `java -XX:AOTMode=create ... -XX:AOTCache=<file>`: writes the file it is given.
    Files.writeString(fakeJava, "#!/bin/sh\nfor a in \"$@\"; do case \"$a\" in -XX:AOTCache=*) echo cache > \"${a#-XX:AOTCache=}\";; "
        + "esac; done\n");
    Files.setPosixFilePermissions(fakeJava, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.writeString(dir.resolve("app.aot.config"), "recorded");
    bash("JAVA=" + fakeJava + "; . " + SCRIPTS.resolve("class-archive.sh") + "; AOT_TRAINING=" + dir.resolve("app.aot")
        + "; aot_create cp");
    assertThat(dir.resolve("app.aot")).hasContent("cache");
    assertThat(dir.resolve("app.aot.config")).doesNotExist();
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).as("no temporary file left").containsExactlyInAnyOrder(
          "java", "app.aot");
    }
  }

  @Test
  void aotCreate_assemblesWithTheServersJvmOptions() throws Exception {
    Path fakeJava = dir.resolve("java");
    // Records the arguments it is given. A module option the training start had and the assembly lacks made the
    // JVM leave out the cache's linked classes, lambdas and profiles.
    Files.writeString(fakeJava, "#!/bin/sh\necho \"$@\" > " + dir.resolve("args") + "\n");
    Files.setPosixFilePermissions(fakeJava, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.writeString(dir.resolve("app.aot.config"), "recorded");
    bash("JAVA=" + fakeJava + "; . " + SCRIPTS.resolve("class-archive.sh") + "; AOT_TRAINING=" + dir.resolve("app.aot")
        + "; aot_create 'a.jar:lib/*' --enable-native-access=ALL-UNNAMED");
    assertThat(Files.readString(dir.resolve("args")).strip()).startsWith("-XX:AOTMode=create ")
        .contains(" --enable-native-access=ALL-UNNAMED ").endsWith(" -cp a.jar:lib/*");
  }

  @Test
  void shortCommands_getNoClassArchive() throws Exception {
    Files.createDirectories(dir.resolve("target/lib"));
    Files.writeString(dir.resolve("target/app.jar"), "app");
    for (String args : new String[] {"--help", "-h", "--version", "-V", "audit verify", "audit verify --data-dir x"}) {
      assertThat(archiveOptions(args)).as(args).isEmpty();
    }
  }
}
