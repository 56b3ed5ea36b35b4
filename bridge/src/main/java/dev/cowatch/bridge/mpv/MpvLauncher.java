package dev.cowatch.bridge.mpv;

import dev.cowatch.bridge.PlayerProcess;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Starts mpv on a file (or URL), paused, with its JSON IPC on a socket of the bridge's own. */
public final class MpvLauncher {
  private MpvLauncher() {}

  /**
   * {@code extraArgs} go to mpv as they are ({@code --vo=null --ao=null} in the tests, a window and
   * sound otherwise). The file stays open at its end ({@code --keep-open}) so the room can seek back.
   */
  public static PlayerProcess start(String mpv, String media, Path socket, Path log, List<String> extraArgs) throws IOException {
    List<String> cmd = new ArrayList<>(List.of(mpv, "--input-ipc-server=" + socket, "--pause", "--keep-open=yes",
        "--hr-seek=yes", "--no-terminal", "--title=Cowatch: ${media-title}"));
    cmd.addAll(extraArgs);
    cmd.add("--");
    cmd.add(media);
    return PlayerProcess.start(cmd, log, Duration.ofSeconds(15), () -> answers(socket), Map.of());
  }

  static boolean answers(Path socket) {
    try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      ch.connect(UnixDomainSocketAddress.of(socket));
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
