package dev.cowatch.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A PulseAudio server of a test's own (Debian's {@code pulseaudio}, on a socket in a temporary folder, nothing
 * of the machine's), wired as a room of listeners: each listener's browser plays into a speaker of its own,
 * which reaches one channel of a shared "room" sink after the listener's own audio delay (a loopback: what
 * Bluetooth headphones do); each listener's microphone hears its channel. The room's monitor, recorded as
 * stereo, then holds what two listeners heard on one clock.
 */
public final class PulseAudio implements AutoCloseable {
  /** A listener: the env its browser starts with, and the room channel its ear is. */
  public record Listener(String name, String channel, Map<String, String> env) {}

  private final Process process;
  private final Path dir;
  private final String server;

  private PulseAudio(Process process, Path dir) {
    this.process = process;
    this.dir = dir;
    this.server = "unix:" + dir.resolve("native");
  }

  /**
   * A server with a listener per entry of {@code delaysMs} (at most two: the room's left and right channel), whose
   * ear hears their speaker that many ms late.
   */
  public static PulseAudio start(List<Integer> delaysMs) throws IOException {
    if (delaysMs.isEmpty() || delaysMs.size() > 2) throw new IllegalArgumentException("one or two listeners");
    Path binary = Path.of("/usr/bin/pulseaudio");
    if (!Files.isExecutable(binary)) {
      throw new IllegalStateException("no PulseAudio at " + binary + ": run scripts/install-tools.sh pulseaudio parecord");
    }
    Path dir = Files.createTempDirectory("cowatch-pulse");
    List<String> script = new ArrayList<>(List.of(
        "load-module module-native-protocol-unix socket=" + dir.resolve("native") + " auth-anonymous=1",
        "load-module module-null-sink sink_name=room channels=2 rate=48000"));
    String[] channels = {"front-left", "front-right"};
    for (int i = 0; i < delaysMs.size(); i++) {
      String n = "l" + i;
      script.add("load-module module-null-sink sink_name=speaker_" + n + " rate=48000");
      // The listener's audio path: their speaker, late by their delay, into their channel of the room.
      script.add("load-module module-loopback source=speaker_" + n + ".monitor sink=room channels=1 channel_map="
          + channels[i] + " remix=no latency_msec=" + delaysMs.get(i) + " adjust_time=0");
      // Browsers list no monitor sources as microphones: the ear is a source of its own over the room's channel.
      script.add("load-module module-remap-source master=room.monitor source_name=ear_" + n + " channels=1 master_channel_map="
          + channels[i] + " channel_map=mono");
    }
    Files.write(dir.resolve("default.pa"), script);
    Path log = dir.resolve("pulse.log");
    // Real-time scheduling for the server, as a real audio path has hardware of its own: with one busy loop beside
    // the test, the sound check found the clicks scattered without it and measured them with it (one run each).
    Process p = new ProcessBuilder(List.of(binary.toString(), "-n", "--daemonize=no", "--exit-idle-time=-1",
        "--use-pid-file=no", "--disallow-exit", "--realtime=yes", "--high-priority=yes",
        "-F", dir.resolve("default.pa").toString(), "--log-target=stderr"))
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    PulseAudio pulse = new PulseAudio(p, dir);
    pulse.awaitSocket(log);
    return pulse;
  }

  /** The listener {@code i}, as {@link #start} made it. */
  public Listener listener(int i) {
    String n = "l" + i;
    return new Listener(n, i == 0 ? "left" : "right",
        Map.of("PULSE_SERVER", server, "PULSE_SINK", "speaker_" + n, "PULSE_SOURCE", "ear_" + n));
  }

  /**
   * Records what the room heard, both channels on one clock, for {@code seconds}: a 16-bit stereo WAV at 48 kHz
   * ({@code parecord}, from pulseaudio-utils).
   */
  public Path record(double seconds) throws IOException, InterruptedException {
    Path wav = Files.createTempFile(dir, "room", ".wav");
    Process rec = new ProcessBuilder(List.of("parecord", "--server=" + server, "--device=room.monitor", "--rate=48000",
        "--channels=2", "--format=s16le", "--file-format=wav", wav.toString()))
        .redirectErrorStream(true).redirectOutput(dir.resolve("parecord.log").toFile()).start();
    Thread.sleep(Math.round(seconds * 1000));
    rec.destroy(); // SIGTERM: parecord finishes the file's header
    if (!rec.waitFor(5, TimeUnit.SECONDS)) rec.destroyForcibly();
    return wav;
  }

  private void awaitSocket(Path log) throws IOException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) throw new IOException("pulseaudio ended at once: " + Files.readString(log));
      if (Files.exists(dir.resolve("native"))) return;
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted", e);
      }
    }
    throw new IOException("pulseaudio made no socket within 10 s: " + Files.readString(log));
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) process.destroyForcibly();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
