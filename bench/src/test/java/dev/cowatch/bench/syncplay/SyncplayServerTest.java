package dev.cowatch.bench.syncplay;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyncplayServerTest {
  @TempDir Path dir;

  @Test
  void command_runsTheLauncherWithDebiansPython_isolatedRooms_andNoPassword() {
    List<String> command = SyncplayServer.command(Path.of("/tmp/x/serve_loopback.py"), 41234);
    assertThat(command).containsExactly("/usr/bin/python3", "-I", "-u", "/tmp/x/serve_loopback.py", "--port", "41234",
        "--isolate-rooms");
  }

  @Test
  void started_listensOn127001Only_andStopsWhenClosed() throws Exception {
    SyncplayServer server = SyncplayServer.start(dir);
    try {
      int port = server.address().getPort();
      assertThat(server.address().getHostString()).isEqualTo("127.0.0.1");
      assertThat(listeners(port)).containsExactly("0100007F");
      assertThat(server.pid()).isEqualTo(server.process().process().pid());
      assertThat(Files.readString(dir.resolve("syncplay.log"))).contains("Syncplay server, ver. 1.6.9",
          "serve_loopback: listening on 127.0.0.1:" + port);
    } finally {
      server.close();
    }
    assertThat(server.process().alive()).isFalse();
  }

  /** The local addresses (as the kernel prints them) of TCP sockets listening on {@code port}, IPv4 and IPv6. */
  private static List<String> listeners(int port) throws IOException {
    String hexPort = String.format(Locale.ROOT, ":%04X", port);
    List<String> addresses = new ArrayList<>();
    for (String table : new String[] {"/proc/net/tcp", "/proc/net/tcp6"}) {
      for (String line : Files.readAllLines(Path.of(table))) {
        String[] f = line.trim().split("\\s+");
        // f[1] is address:port, f[3] the state; 0A is LISTEN.
        if (f.length > 3 && f[1].endsWith(hexPort) && f[3].equals("0A")) {
          addresses.add(f[1].substring(0, f[1].length() - hexPort.length()));
        }
      }
    }
    return addresses;
  }
}
