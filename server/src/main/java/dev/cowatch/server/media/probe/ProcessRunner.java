package dev.cowatch.server.media.probe;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Runs ffprobe or ffmpeg: no shell, stdin closed, stdout and stderr drained on virtual threads, a deadline after
 * which the process is killed, and bounded memory (stdout up to a limit, the last few KB of stderr). When the
 * calling thread is interrupted the process is killed and {@link InterruptedException} thrown.
 */
final class ProcessRunner {
  /** Enough stderr to show why ffmpeg failed; its earlier lines are rarely the reason. */
  static final int STDERR_TAIL_BYTES = 4096;

  /**
   * @param stdout what the process printed, when captured; empty when its lines went to a consumer
   * @param stderr the last {@value #STDERR_TAIL_BYTES} bytes it printed there, trimmed
   * @param timedOut killed at the deadline
   * @param overflowed killed because stdout passed its limit
   */
  record Outcome(int exitCode, byte[] stdout, String stderr, boolean timedOut, boolean overflowed) {
    boolean succeeded() {
      return exitCode == 0 && !timedOut && !overflowed;
    }

    @Override
    public String toString() {
      return "Outcome[exit=" + exitCode + ", stdout=" + stdout.length + " bytes, timedOut=" + timedOut
          + ", overflowed=" + overflowed + ", stderr=" + stderr + "]";
    }
  }

  private ProcessRunner() {}

  /** Runs the command and keeps up to {@code maxStdoutBytes} of its stdout; more kills it ({@code overflowed}). */
  static Outcome capture(List<String> command, Duration timeout, int maxStdoutBytes)
      throws IOException, InterruptedException {
    return run(command, timeout, maxStdoutBytes, null);
  }

  /** Runs the command and hands each stdout line to {@code lines} as it comes; a consumer that throws kills it. */
  static Outcome streamLines(List<String> command, Duration timeout, Consumer<String> lines)
      throws IOException, InterruptedException {
    return run(command, timeout, 0, lines);
  }

  private static Outcome run(List<String> command, Duration timeout, int maxStdoutBytes, Consumer<String> lines)
      throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).start();
    process.getOutputStream().close();
    ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    AtomicBoolean overflowed = new AtomicBoolean();
    AtomicReference<RuntimeException> consumerFailure = new AtomicReference<>();

    Thread errReader = Thread.ofVirtual().name("media-tool-stderr").start(() -> keepTail(process.getErrorStream(), stderr));
    Thread outReader = Thread.ofVirtual().name("media-tool-stdout").start(() -> {
      try {
        if (lines == null) {
          if (!copyAtMost(process.getInputStream(), stdout, maxStdoutBytes)) {
            overflowed.set(true);
            kill(process);
          }
        } else {
          readLines(process.getInputStream(), lines);
        }
      } catch (IOException e) {
        // The process died or was killed: its exit code says what happened.
      } catch (RuntimeException e) {
        consumerFailure.set(e);
        kill(process);
      }
    });

    boolean timedOut;
    try {
      timedOut = !process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (timedOut) kill(process);
      // The streams close when the process exits; the bound only guards against a child that keeps them open.
      outReader.join(Duration.ofSeconds(5));
      errReader.join(Duration.ofSeconds(5));
    } catch (InterruptedException e) {
      kill(process);
      throw e;
    }
    if (consumerFailure.get() != null) throw consumerFailure.get();
    int exit = timedOut ? -1 : process.exitValue();
    String err;
    synchronized (stderr) {
      err = stderr.toString(StandardCharsets.UTF_8).strip();
    }
    byte[] out;
    synchronized (stdout) {
      out = stdout.toByteArray();
    }
    return new Outcome(exit, out, err, timedOut, overflowed.get());
  }

  static void kill(Process process) {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
    try {
      process.onExit().get(5, TimeUnit.SECONDS);
    } catch (Exception e) {
      // Killed is killed: SIGKILL cannot be refused, and an interrupted caller should not wait here.
    }
  }

  /** False when the stream had more than {@code max} bytes (the rest is left unread). */
  private static boolean copyAtMost(InputStream in, ByteArrayOutputStream out, int max) throws IOException {
    byte[] buffer = new byte[8192];
    int total = 0;
    for (int n; (n = in.read(buffer)) >= 0; ) {
      if (total + n > max) return false;
      synchronized (out) {
        out.write(buffer, 0, n);
      }
      total += n;
    }
    return true;
  }

  private static void readLines(InputStream in, Consumer<String> lines) throws IOException {
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      for (String line; (line = reader.readLine()) != null; ) lines.accept(line);
    }
  }

  private static void keepTail(InputStream in, ByteArrayOutputStream tail) {
    byte[] buffer = new byte[4096];
    try {
      for (int n; (n = in.read(buffer)) >= 0; ) {
        synchronized (tail) {
          tail.write(buffer, 0, n);
          if (tail.size() > 2 * STDERR_TAIL_BYTES) {
            byte[] all = tail.toByteArray();
            tail.reset();
            tail.write(all, all.length - STDERR_TAIL_BYTES, STDERR_TAIL_BYTES);
          }
        }
      }
    } catch (IOException e) {
      // The process is gone; what was read is kept.
    }
    synchronized (tail) {
      if (tail.size() > STDERR_TAIL_BYTES) {
        byte[] all = tail.toByteArray();
        tail.reset();
        tail.write(all, all.length - STDERR_TAIL_BYTES, STDERR_TAIL_BYTES);
      }
    }
  }
}
