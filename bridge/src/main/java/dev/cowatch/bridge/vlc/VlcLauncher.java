package dev.cowatch.bridge.vlc;

import dev.cowatch.bridge.PlayerProcess;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Starts VLC on a file, standing paused on it when this returns, with its HTTP interface on a free loopback port and a random
 * password. VLC refuses to run as root ("VLC is not supposed to be run as root"): as root it is
 * started as {@code nobody} (util-linux's setpriv), which must be able to read the file.
 */
public final class VlcLauncher {
  /** A started VLC and how to reach it. */
  public record Started(PlayerProcess process, VlcHttp http, int port, String password) {}

  private VlcLauncher() {}

  public static Started start(String vlc, String media, Path workDir, List<String> extraArgs) throws IOException {
    int port = freePort();
    String password = HexFormat.of().formatHex(new SecureRandom().generateSeed(12));
    List<String> cmd = new ArrayList<>();
    boolean root = "root".equals(System.getProperty("user.name"));
    Path home = workDir.resolve("vlc-home");
    Files.createDirectories(home);
    if (root) {
      Files.setPosixFilePermissions(workDir, PosixFilePermissions.fromString("rwxrwxrwx"));
      Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwxrwxrwx"));
      cmd.addAll(List.of("setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups"));
    }
    cmd.addAll(List.of(vlc, "--extraintf", "http", "--http-host", "127.0.0.1", "--http-port", String.valueOf(port),
        "--http-password", password, "--start-paused", "--no-video-title-show", "--play-and-pause"));
    cmd.addAll(extraArgs);
    cmd.add(media);
    VlcHttp http = new VlcHttp("127.0.0.1", port, password);
    PlayerProcess p = PlayerProcess.start(cmd, workDir.resolve("vlc.log"), Duration.ofSeconds(20),
        () -> standsPaused(http), Map.of("HOME", home.toString()));
    return new Started(p, http, port, password);
  }

  /**
   * VLC can be driven once it stands paused on the loaded file. {@code --start-paused} plays the first frame
   * and then pauses: read before that, the start looks like a person pressing play and then pause, and on a
   * busy machine it came after the bridge had joined the room, which then played and paused for everyone.
   */
  static boolean standsPaused(VlcHttp http) {
    try {
      VlcHttp.Status s = http.status();
      return "paused".equals(s.state()) && s.lengthSeconds() > 0;
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
