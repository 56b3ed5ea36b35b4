package dev.cowatch.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A network namespace for browsers that must use WebRTC: Chromium gathers no ICE candidates on loopback
 * alone, so its browsers run in a namespace with one end of a veth pair ({@link #namespaceAddress}) and a
 * default route to the other end in the root namespace ({@link #hostAddress}), where the server listens.
 * Names are random (several engineers' tests run on one machine); {@link #close} removes everything.
 * Needs root and {@code ip} (iproute2); without them the test fails and says so.
 */
public final class NetNamespace implements AutoCloseable {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String IP = "/usr/sbin/ip";

  private final String name;
  private final String hostInterface;
  private final String hostAddress;
  private final String mediaAddress;
  private final String namespaceAddress;
  private final Path wrapper;

  private NetNamespace(String id, int subnet) throws IOException {
    this.name = "cw-p2p-" + id;
    this.hostInterface = "cw" + id + "h";
    String nsInterface = "cw" + id + "n";
    this.hostAddress = "10.231." + subnet + ".1";
    this.mediaAddress = "10.231." + subnet + ".3";
    this.namespaceAddress = "10.231." + subnet + ".2";
    run(IP, "netns", "add", name);
    try {
      run(IP, "link", "add", hostInterface, "type", "veth", "peer", "name", nsInterface);
      run(IP, "link", "set", nsInterface, "netns", name);
      run(IP, "addr", "add", hostAddress + "/24", "dev", hostInterface);
      run(IP, "addr", "add", mediaAddress + "/24", "dev", hostInterface);
      run(IP, "link", "set", hostInterface, "up");
      run(IP, "netns", "exec", name, IP, "addr", "add", namespaceAddress + "/24", "dev", nsInterface);
      run(IP, "netns", "exec", name, IP, "link", "set", nsInterface, "up");
      run(IP, "netns", "exec", name, IP, "link", "set", "lo", "up");
      run(IP, "netns", "exec", name, IP, "route", "add", "default", "via", hostAddress);
      this.wrapper = Files.createTempFile("cowatch-chromium-" + id, ".sh",
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      Files.writeString(wrapper, "#!/bin/sh\nexec " + IP + " netns exec " + name + " \"$COWATCH_NETNS_BROWSER\" \"$@\"\n");
    } catch (IOException | RuntimeException e) {
      removeQuietly();
      throw e;
    }
  }

  /**
   * A new namespace on a /24 of 10.231.0.0/16 no other interface of this machine uses. Another test process
   * may pick the same free /24 between our look and our claim: so the claim is checked afterwards, and
   * whoever finds the /24 shared gives it up and draws again (both may; neither keeps a shared one).
   */
  public static NetNamespace create() throws IOException {
    for (int attempt = 0; attempt < 50; attempt++) {
      int subnet = RANDOM.nextInt(256);
      if (holders(subnet).size() > 0) continue;
      byte[] id = new byte[3];
      RANDOM.nextBytes(id);
      NetNamespace ns = new NetNamespace(HexFormat.of().formatHex(id), subnet);
      if (holders(subnet).equals(List.of(ns.hostInterface))) return ns;
      ns.close();
      try {
        Thread.sleep(RANDOM.nextInt(50, 250));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted", e);
      }
    }
    throw new IOException("no free subnet in 10.231.0.0/16 for a test namespace");
  }

  /**
   * The root namespace's interfaces with an address in 10.231.subnet.0/24, each once ({@code ip -o} prints
   * one address a line, and our own end has two: the server's and the media server's).
   */
  private static List<String> holders(int subnet) throws IOException {
    List<String> out = new ArrayList<>();
    for (String line : output(IP, "-4", "-o", "addr").split("\n")) {
      String[] f = line.trim().split("\\s+");
      String holder = f.length > 3 ? f[1].replaceAll("@.*", "") : "";
      if (f.length > 3 && f[3].startsWith("10.231." + subnet + ".") && !out.contains(holder)) out.add(holder);
    }
    return out;
  }

  /** The root namespace's end: where a server reachable from the namespace listens. */
  public String hostAddress() {
    return hostAddress;
  }

  /**
   * A second address of the root namespace's end, for what stands for another site (the media server):
   * {@link #blockHost} cuts the Cowatch server off, not the videos, as a server gone down would.
   */
  public String mediaAddress() {
    return mediaAddress;
  }

  public String namespaceAddress() {
    return namespaceAddress;
  }

  public String name() {
    return name;
  }

  /**
   * The root namespace's end goes silent for everything in the namespace (a blackhole route: packets to
   * it vanish, nothing answers, as when a server's network path is cut). Traffic inside the namespace,
   * between its browsers' peer connections, is untouched.
   */
  public void blockHost() throws IOException {
    run(IP, "netns", "exec", name, IP, "route", "add", "blackhole", hostAddress + "/32");
  }

  /** Undoes {@link #blockHost}. */
  public void unblockHost() throws IOException {
    run(IP, "netns", "exec", name, IP, "route", "del", "blackhole", hostAddress + "/32");
  }

  /**
   * One address of the root namespace goes silent for everything in the namespace, as {@link #blockHost} does for
   * the host's end: another server's path cut, the rest of the network as it was.
   */
  public void block(String address) throws IOException {
    run(IP, "netns", "exec", name, IP, "route", "add", "blackhole", address + "/32");
  }

  /** Undoes {@link #block}. */
  public void unblock(String address) throws IOException {
    run(IP, "netns", "exec", name, IP, "route", "del", "blackhole", address + "/32");
  }

  /** {@code command} run inside the namespace (the program keeps the process: {@code ip netns exec} execs it). */
  public List<String> inside(List<String> command) {
    List<String> wrapped = new ArrayList<>(List.of(IP, "netns", "exec", name));
    wrapped.addAll(command);
    return wrapped;
  }

  /** A script that runs {@code $COWATCH_NETNS_BROWSER} (with its arguments) inside the namespace. */
  public Path wrapper() {
    return wrapper;
  }

  @Override
  public void close() {
    removeQuietly();
  }

  private void removeQuietly() {
    // Deleting the namespace deletes its end of the pair, and with it the other end.
    try {
      run(IP, "netns", "del", name);
    } catch (IOException | RuntimeException ignored) {
      // already gone
    }
    try {
      if (output(IP, "-o", "link").contains(" " + hostInterface + "@")) run(IP, "link", "del", hostInterface);
    } catch (IOException | RuntimeException ignored) {
      // already gone
    }
    try {
      if (wrapper != null) Files.deleteIfExists(wrapper);
    } catch (IOException ignored) {
      // a temporary file
    }
  }

  private static void run(String... command) throws IOException {
    output(command);
  }

  private static String output(String... command) throws IOException {
    Process p = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
    String out;
    try (InputStream in = p.getInputStream()) {
      out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    try {
      if (!p.waitFor(20, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IOException(String.join(" ", command) + " did not finish");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
    if (p.exitValue() != 0) {
      throw new IOException(String.join(" ", new ArrayList<>(List.of(command))) + " failed (" + p.exitValue() + "): "
          + out.strip() + " — browser tests of WebRTC need root and iproute2 to make a network namespace");
    }
    return out;
  }
}
