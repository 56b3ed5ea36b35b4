package dev.cowatch.bench.syncplay;

import dev.cowatch.bench.Ports;
import dev.cowatch.bench.ServerProcess;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * Debian's Syncplay server (syncplay-server 1.6.9) as a process of its own, listening on 127.0.0.1
 * only, with rooms isolated from one another, no password and no statistics database. Syncplay
 * 1.6.9 cannot choose its interface, so it is started by serve_loopback.py (a resource beside this
 * class), which binds Syncplay's own server factory to 127.0.0.1.
 */
public final class SyncplayServer implements AutoCloseable {
  /** What {@code scripts/install-tools.sh} takes to install the server (its entry in scripts/machine-packages.txt). */
  public static final String INSTALL_TOOLS_ARGUMENT = "syncplay-server";
  /** Debian's interpreter: Syncplay and Twisted are installed for it, not for another python3 on the PATH. */
  static final Path PYTHON = Path.of("/usr/bin/python3");
  /** The package's command; the launcher imports the package's modules instead of running it. */
  static final Path COMMAND = Path.of("/usr/bin/syncplay-server");
  static final String LAUNCHER = "serve_loopback.py";

  private final ServerProcess process;
  private final InetSocketAddress address;

  private SyncplayServer(ServerProcess process, InetSocketAddress address) {
    this.process = process;
    this.address = address;
  }

  /** Whether Debian's syncplay-server is installed. */
  public static boolean installed() {
    return Files.isExecutable(COMMAND) && Files.isExecutable(PYTHON);
  }

  /**
   * Starts the server on a free port of 127.0.0.1, with its launcher and its log in {@code dir}; returns
   * once it accepts connections.
   */
  public static SyncplayServer start(Path dir) throws IOException, InterruptedException {
    if (!installed()) {
      throw new IOException("Syncplay's server is not installed: run scripts/install-tools.sh " + INSTALL_TOOLS_ARGUMENT);
    }
    Files.createDirectories(dir);
    Path launcher = dir.resolve(LAUNCHER);
    try (InputStream in = SyncplayServer.class.getResourceAsStream(LAUNCHER)) {
      if (in == null) throw new IOException(LAUNCHER + " is missing from the class path");
      Files.copy(in, launcher, StandardCopyOption.REPLACE_EXISTING);
    }
    int port = Ports.free();
    Path log = dir.resolve("syncplay.log");
    ProcessBuilder builder = new ProcessBuilder(command(launcher, port))
        .directory(dir.toFile())
        .redirectErrorStream(true)
        .redirectOutput(log.toFile());
    // Syncplay reads its password and salt from these when no option gives them: no password here.
    builder.environment().remove("SYNCPLAY_PASSWORD");
    builder.environment().remove("SYNCPLAY_SALT");
    ServerProcess server = new ServerProcess("syncplay", builder.start());
    try {
      Ports.awaitListening(port, server.process(), log);
    } catch (IOException | InterruptedException e) {
      server.close();
      throw e;
    }
    return new SyncplayServer(server, new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port));
  }

  /**
   * The command line: Debian's python3 isolated from the environment's PYTHON* variables and user
   * site-packages (-I), unbuffered so the log is current (-u); rooms isolated, as a public server runs.
   */
  static List<String> command(Path launcher, int port) {
    return List.of(PYTHON.toString(), "-I", "-u", launcher.toAbsolutePath().toString(), "--port",
        Integer.toString(port), "--isolate-rooms");
  }

  /** Where it listens: 127.0.0.1 and its port. */
  public InetSocketAddress address() {
    return address;
  }

  /** The server's process id (one Python process; Twisted runs everything on its reactor thread). */
  public long pid() {
    return process.pid();
  }

  /** The process, for its CPU time ({@link ServerProcess#cpuNanos()}) and whether it still runs. */
  public ServerProcess process() {
    return process;
  }

  /** Stops it (SIGTERM; Twisted shuts its reactor down), forcibly if it does not end within 10 s. */
  @Override
  public void close() {
    process.close();
  }

  @Override
  public String toString() {
    return "Syncplay on " + address.getHostString() + ":" + address.getPort() + " (pid " + pid() + ")";
  }
}
