package dev.cowatch.bridge;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * A player the bridge started (mpv or VLC): its process, ended with the bridge. Output goes to a log
 * file beside its control socket, so a player that refuses to start says why.
 */
public final class PlayerProcess implements AutoCloseable {
  private final Process process;
  private final Path log;

  private PlayerProcess(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  /** Starts {@code command}, then waits until {@code ready} holds (its socket answers) or fails. */
  public static PlayerProcess start(List<String> command, Path log, Duration timeout, BooleanSupplier ready,
      java.util.Map<String, String> env) throws IOException {
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().putAll(env);
    Process p;
    try {
      p = pb.start();
    } catch (IOException e) {
      throw new IOException("cannot start " + command.getFirst() + " (is it installed?): " + e.getMessage(), e);
    }
    PlayerProcess pp = new PlayerProcess(p, log);
    long until = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < until) {
      if (!p.isAlive()) {
        throw new IOException(command.getFirst() + " exited (" + p.exitValue() + "): " + pp.tail());
      }
      if (ready.getAsBoolean()) return pp;
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        pp.close();
        throw new IOException("interrupted", e);
      }
    }
    pp.close();
    throw new IOException(command.getFirst() + " was not ready (its control interface up, the file loaded) within "
        + timeout.toSeconds() + " s: " + pp.tail());
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  public long pid() {
    return process.pid();
  }

  /** The last lines the player printed. */
  public String tail() {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join(" | ", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
    } catch (IOException e) {
      return "(no output)";
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(3, java.util.concurrent.TimeUnit.SECONDS)) process.destroyForcibly();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
