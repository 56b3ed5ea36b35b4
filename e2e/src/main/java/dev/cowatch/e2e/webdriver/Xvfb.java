package dev.cowatch.e2e.webdriver;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A virtual X display of its own, for a browser that needs a screen: WebKitGTK has no headless mode, and headless
 * Chromium opens no picture-in-picture window. Stopped on close.
 */
public final class Xvfb implements AutoCloseable {
  private static final Duration STARTUP = Duration.ofSeconds(20);

  private final Process process;
  private final String display;

  private Xvfb(Process process, String display) {
    this.process = process;
    this.display = display;
  }

  public static Xvfb start() throws IOException {
    int n = freeDisplay();
    Process xvfb = new ProcessBuilder("Xvfb", ":" + n, "-screen", "0", "1280x800x24", "-nolisten", "tcp")
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    try {
      awaitFile(Path.of("/tmp/.X11-unix/X" + n), xvfb);
    } catch (IOException | RuntimeException e) {
      xvfb.destroyForcibly();
      throw e;
    }
    return new Xvfb(xvfb, ":" + n);
  }

  /** What DISPLAY is for a program drawn on it. */
  public String display() {
    return display;
  }

  /** The whole screen as a PNG, every window on it (a picture-in-picture window is not in the page's own screenshot). */
  public void screenshot(Path png) throws IOException {
    Process p = new ProcessBuilder("ffmpeg", "-loglevel", "error", "-y", "-f", "x11grab", "-i", display, "-frames:v", "1",
        png.toString()).redirectErrorStream(true).start();
    try {
      String out = new String(p.getInputStream().readAllBytes());
      if (!p.waitFor(20, TimeUnit.SECONDS) || p.exitValue() != 0) throw new IOException("ffmpeg x11grab: " + out);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      p.destroyForcibly();
      throw new IOException(e);
    }
  }

  private static int freeDisplay() {
    for (int n = 90; n < 190; n++) {
      if (!Files.exists(Path.of("/tmp/.X11-unix/X" + n)) && !Files.exists(Path.of("/tmp/.X" + n + "-lock"))) return n;
    }
    throw new IllegalStateException("no free X display between :90 and :189");
  }

  private static void awaitFile(Path file, Process owner) throws IOException {
    long until = System.nanoTime() + STARTUP.toNanos();
    while (!Files.exists(file)) {
      if (!owner.isAlive()) throw new IOException(owner.info().command().orElse("process") + " exited with " + owner.exitValue());
      if (System.nanoTime() > until) throw new IOException("no " + file + " after " + STARTUP);
      Launch.pause(50);
    }
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
