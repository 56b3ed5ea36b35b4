package dev.cowatch.server.media.probe;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Objects;

/** The real ffprobe/ffmpeg for tests (the server build installs them), and stand-ins that misbehave on purpose. */
final class Tools {
  private Tools() {}

  static Path ffprobe() {
    return find("ffprobe");
  }

  static Path ffmpeg() {
    return find("ffmpeg");
  }

  private static Path find(String name) {
    return MediaTools.onPath(name, Objects.requireNonNullElse(System.getenv("PATH"), ""))
        .orElseThrow(() -> new IllegalStateException(name + " is not on the PATH: run scripts/install-tools.sh "
            + name + ":ffmpeg (the server build does)"));
  }

  /** An executable bash script standing in for a tool. */
  static Path script(Path dir, String name, String body) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, "#!/usr/bin/env bash\n" + body + "\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    return file;
  }

  /** Makes a small test video with ffmpeg's lavfi sources; {@code args} go between the inputs and the output. */
  static Path generate(Path dir, String name, String lavfiVideo, List<String> args) throws Exception {
    Path out = dir.resolve(name);
    List<String> command = new java.util.ArrayList<>(List.of(ffmpeg().toString(), "-hide_banner", "-loglevel", "error",
        "-nostdin", "-y", "-f", "lavfi", "-i", lavfiVideo));
    command.addAll(args);
    command.add(out.toString());
    ProcessRunner.Outcome outcome = ProcessRunner.capture(command, java.time.Duration.ofSeconds(60), 1 << 16);
    if (!outcome.succeeded()) throw new IllegalStateException("ffmpeg failed: " + outcome);
    return out;
  }
}
