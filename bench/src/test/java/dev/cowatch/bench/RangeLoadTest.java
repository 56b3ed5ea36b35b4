package dev.cowatch.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The load's checks against a small HTTP server in the test that answers well or in one wrong way. */
class RangeLoadTest {
  private static final int SIZE = 1 << 20;

  enum Fault { NONE, STATUS_200, WRONG_BYTES, WRONG_CONTENT_RANGE, SILENT }

  @TempDir
  Path dir;

  private byte[] content;
  private FileChannel file;
  private ServerSocket listener;
  private volatile Fault fault = Fault.NONE;

  @BeforeEach
  void start() throws IOException {
    content = new byte[SIZE];
    new Random(5).nextBytes(content);
    Path f = Files.write(dir.resolve("f"), content);
    file = FileChannel.open(f);
    listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread.ofPlatform().daemon().start(this::accept);
  }

  @AfterEach
  void stop() throws IOException {
    listener.close();
    file.close();
  }

  @Test
  void rightAnswers_areCounted() throws Exception {
    Measurement m = run();
    assertThat(m.ok()).as(String.valueOf(m.firstError())).isTrue();
    assertThat(m.requests()).isPositive();
    assertThat(m.bytes()).isPositive();
    assertThat(m.firstByteMs()).hasSize((int) m.requests());
  }

  @Test
  void wholeFileInsteadOfTheRange_isAnError() throws Exception {
    fault = Fault.STATUS_200;
    assertThat(run().firstError()).startsWith("java.io.IOException: status 200");
  }

  @Test
  void wrongBytes_areAnError() throws Exception {
    fault = Fault.WRONG_BYTES;
    assertThat(run().firstError()).contains("wrong bytes at offset");
  }

  @Test
  void wrongContentRange_isAnError() throws Exception {
    fault = Fault.WRONG_CONTENT_RANGE;
    assertThat(run().firstError()).contains("Content-Range");
  }

  @Test
  void serverThatStopsAnswering_endsTheRunWithAnError() throws Exception {
    fault = Fault.SILENT;
    Measurement m = run();
    assertThat(m.ok()).isFalse();
    assertThat(m.firstError()).contains("stalled");
  }

  private Measurement run() throws InterruptedException {
    RangeLoad load = new RangeLoad(SIZE, file, 2, Duration.ofMillis(300));
    return load.run(new RangeLoad.Target("127.0.0.1", listener.getLocalPort(), "/f"), 1, Duration.ofMillis(200), () -> 0);
  }

  private void accept() {
    while (!listener.isClosed()) {
      try {
        Socket s = listener.accept();
        Thread.ofPlatform().daemon().start(() -> serve(s));
      } catch (IOException closed) {
        return;
      }
    }
  }

  /** Keep-alive HTTP/1.1 answering each Range with 206, or with {@link #fault}. */
  private void serve(Socket s) {
    try (s) {
      BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.ISO_8859_1));
      OutputStream out = s.getOutputStream();
      for (String line; (line = in.readLine()) != null; ) {
        String range = null;
        for (; !line.isEmpty(); line = in.readLine()) {
          if (line.startsWith("Range: ")) range = line.substring(7);
        }
        if (fault == Fault.SILENT) continue;
        long[] r = parse(range);
        int first = (int) r[0];
        int length = (int) r[1];
        byte[] body = java.util.Arrays.copyOfRange(content, first, first + length);
        if (fault == Fault.WRONG_BYTES) body[0] ^= 1;
        String contentRange = "bytes " + first + "-" + (first + length - 1 + (fault == Fault.WRONG_CONTENT_RANGE ? -1 : 0))
            + "/" + SIZE;
        String head = (fault == Fault.STATUS_200 ? "HTTP/1.1 200 OK" : "HTTP/1.1 206 Partial Content") + "\r\n"
            + "Content-Range: " + contentRange + "\r\nContent-Length: " + length + "\r\n\r\n";
        out.write(head.getBytes(StandardCharsets.ISO_8859_1));
        out.write(body);
        out.flush();
      }
    } catch (IOException gone) {
      // the client closed the connection
    }
  }

  /** {first, length} of "bytes=a-b", "bytes=a-" or "bytes=-n". */
  private static long[] parse(String range) {
    String spec = range.substring("bytes=".length());
    int dash = spec.indexOf('-');
    if (dash == 0) {
      long n = Long.parseLong(spec.substring(1));
      return new long[] {SIZE - n, n};
    }
    long first = Long.parseLong(spec.substring(0, dash));
    long last = dash == spec.length() - 1 ? SIZE - 1 : Long.parseLong(spec.substring(dash + 1));
    return new long[] {first, last - first + 1};
  }
}
