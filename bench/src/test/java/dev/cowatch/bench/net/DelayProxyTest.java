package dev.cowatch.bench.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import org.junit.jupiter.api.Test;

/** The proxy on loopback passes every byte on, in order, both ways (an echo server behind it). */
class DelayProxyTest {
  @Test
  void bytesSentThroughTheProxy_comeBackFromAnEchoServerUnchangedAndInOrder() throws Exception {
    try (ServerSocket echo = new ServerSocket(0, 8, InetAddress.getLoopbackAddress())) {
      Thread.ofVirtual().start(() -> {
        try (Socket s = echo.accept()) {
          s.getInputStream().transferTo(s.getOutputStream());
        } catch (java.io.IOException ignored) {
          // the test ends the connection
        }
      });
      try (DelayProxy proxy = DelayProxy.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), echo.getLocalPort()), 2, 1);
          Socket client = new Socket(InetAddress.getLoopbackAddress(), proxy.port())) {
        byte[] sent = new byte[200_000];
        for (int i = 0; i < sent.length; i++) sent[i] = (byte) (i * 31 + i / 256);
        Thread writer = Thread.ofVirtual().start(() -> {
          try {
            OutputStream out = client.getOutputStream();
            for (int off = 0; off < sent.length; off += 1_000) out.write(sent, off, 1_000);
            client.shutdownOutput();
          } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        });
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        try (InputStream in = client.getInputStream()) {
          in.transferTo(received);
        }
        writer.join();

        assertThat(received.toByteArray()).isEqualTo(sent);
      }
    }
  }
}
