package dev.cowatch.server.media.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessRunnerTest {
  @TempDir Path dir;

  @Test
  void capture_keepsStdoutAndTheExitCode_andReadsNoStdin() throws Exception {
    var outcome = ProcessRunner.capture(List.of("bash", "-c", "cat; echo out; echo err >&2; exit 3"),
        Duration.ofSeconds(10), 1024);

    assertThat(new String(outcome.stdout(), StandardCharsets.UTF_8)).isEqualTo("out\n");
    assertThat(outcome.stderr()).isEqualTo("err");
    assertThat(outcome.exitCode()).isEqualTo(3);
    assertThat(outcome.succeeded()).isFalse();
  }

  @Test
  void aProcessPastItsDeadline_isKilled() throws Exception {
    long start = System.nanoTime();
    var outcome = ProcessRunner.capture(List.of("sleep", "30"), Duration.ofMillis(300), 1024);

    assertThat(outcome.timedOut()).isTrue();
    assertThat(outcome.succeeded()).isFalse();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
  }

  @Test
  void moreStdoutThanTheLimit_killsTheProcess() throws Exception {
    var outcome = ProcessRunner.capture(List.of("bash", "-c", "head -c 100000 /dev/zero; sleep 30"),
        Duration.ofSeconds(20), 1000);

    assertThat(outcome.overflowed()).isTrue();
    assertThat(outcome.timedOut()).isFalse();
    assertThat(outcome.stdout().length).isLessThanOrEqualTo(1000);
  }

  @Test
  void stderr_keepsOnlyItsTail() throws Exception {
    var outcome = ProcessRunner.capture(
        List.of("bash", "-c", "for i in $(seq 1 5000); do echo line-$i >&2; done"), Duration.ofSeconds(20), 1024);

    assertThat(outcome.stderr()).endsWith("line-5000").doesNotContain("line-1\n");
    assertThat(outcome.stderr().length()).isLessThanOrEqualTo(ProcessRunner.STDERR_TAIL_BYTES);
  }

  @Test
  void streamLines_deliversEachLineAsItComes() throws Exception {
    List<String> lines = new CopyOnWriteArrayList<>();
    var outcome = ProcessRunner.streamLines(List.of("bash", "-c", "printf 'a=1\\nb=2\\n'"), Duration.ofSeconds(10),
        lines::add);

    assertThat(lines).containsExactly("a=1", "b=2");
    assertThat(outcome.stdout()).isEmpty();
    assertThat(outcome.succeeded()).isTrue();
  }

  @Test
  void aLineConsumerThatThrows_killsTheProcess_andTheErrorReachesTheCaller() {
    assertThatThrownBy(() -> ProcessRunner.streamLines(List.of("bash", "-c", "echo x; sleep 30"), Duration.ofSeconds(20),
        line -> {
          throw new IllegalStateException("listener broke");
        })).isInstanceOf(IllegalStateException.class).hasMessage("listener broke");
  }

  @Test
  void interruptingTheCaller_killsTheProcess() throws Exception {
    Path pidFile = dir.resolve("pid");
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    Thread caller = Thread.ofVirtual().start(() -> {
      try {
        ProcessRunner.capture(List.of("bash", "-c", "echo $$ > " + pidFile + "; exec sleep 30"), Duration.ofSeconds(60),
            1024);
      } catch (Throwable t) {
        thrown.set(t);
      }
    });
    await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(pidFile) && Files.size(pidFile) > 0);
    long pid = Long.parseLong(Files.readString(pidFile).strip());

    caller.interrupt();
    caller.join(Duration.ofSeconds(10));

    assertThat(thrown.get()).isInstanceOf(InterruptedException.class);
    await().atMost(Duration.ofSeconds(5))
        .until(() -> ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true));
  }
}
