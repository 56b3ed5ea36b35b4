package dev.cowatch.core;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Finds every native library for this machine (Linux, x86-64, glibc) that a module's test class path carries in its
 * jars, and asks {@code ldd} which shared libraries each one links that the machine lacks. A new machine once failed
 * the build on a library (PulseAudio's client) that only a package installed later had brought in on used machines;
 * the modules' {@code NativeLibrariesTest}s run this before anything loads a library, and say what to add to the one
 * list of what the machine needs, {@code scripts/machine-packages.txt}.
 */
public final class NativeLibraryCheck {
  /** A library inside a jar: where it came from, for the message. */
  public record NativeLibrary(Path jar, String entry) {
    public String fileName() {
      return entry.substring(entry.lastIndexOf('/') + 1);
    }
  }

  /** What one library links and this machine lacks, each with the Debian package that would bring it. */
  public record Unresolved(NativeLibrary library, List<String> missing) {
    public String advice() {
      var lines = new StringBuilder(library.fileName() + " (in " + library.jar().getFileName() + ") links libraries this machine "
          + "lacks; add a line for each to scripts/machine-packages.txt:");
      for (String soname : missing) lines.append("\n  ").append(soname).append("  ").append(debianPackage(soname));
      return lines.toString();
    }
  }

  private static final Pattern NOT_FOUND = Pattern.compile("^\\s*(\\S+) => not found");
  /** A soname: lib + name + .so. + major version (libpulse.so.0, libdbus-1.so.3). */
  private static final Pattern SONAME = Pattern.compile("lib(.+)\\.so\\.(\\d+).*");

  private NativeLibraryCheck() {}

  /** The native libraries for Linux x86-64 with glibc in the jars of this JVM's test class path. */
  public static List<NativeLibrary> onTestClassPath() {
    // Surefire starts the tests through a manifest-only jar: the real class path is in this property.
    String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    var found = new ArrayList<NativeLibrary>();
    for (String element : classPath.split(java.io.File.pathSeparator)) {
      if (element.endsWith(".jar")) found.addAll(inJar(Path.of(element)));
    }
    return found;
  }

  /** What each library links and cannot find here; empty when every library resolves. */
  public static List<Unresolved> unresolved(List<NativeLibrary> libraries) {
    var out = new ArrayList<Unresolved>();
    for (NativeLibrary lib : libraries) {
      List<String> missing = missingLinks(lib);
      if (!missing.isEmpty()) out.add(new Unresolved(lib, missing));
    }
    return out;
  }

  /**
   * The Debian package that ships a soname, by Debian's rule for library packages (Policy 8.1): the name lowercased
   * with its major version appended, a hyphen between them when the name ends in a digit. libpulse.so.0 is in
   * libpulse0, libdbus-1.so.3 in libdbus-1-3.
   */
  public static String debianPackage(String soname) {
    Matcher m = SONAME.matcher(soname);
    if (!m.matches()) return "(the package that has " + soname + "; apt-file search " + soname + ")";
    String name = m.group(1).toLowerCase(Locale.ROOT).replace('_', '-');
    String sep = Character.isDigit(name.charAt(name.length() - 1)) ? "-" : "";
    return "lib" + name + sep + m.group(2);
  }

  /** Entries built for Linux on x86-64 against glibc; musl and Android builds are other machines' libraries. */
  static boolean forThisMachine(String entry) {
    String e = entry.toLowerCase(Locale.ROOT);
    if (!(e.endsWith(".so") || e.contains(".so."))) return false;
    if (!e.contains("linux") || e.contains("musl") || e.contains("android")) return false;
    return Stream.of("x86_64", "x86-64", "amd64", "x64").anyMatch(e::contains);
  }

  private static List<NativeLibrary> inJar(Path jar) {
    if (!Files.isRegularFile(jar)) return List.of();
    try (var zip = new ZipFile(jar.toFile())) {
      return zip.stream().filter(z -> !z.isDirectory() && forThisMachine(z.getName()))
          .map(z -> new NativeLibrary(jar, z.getName())).toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + jar, e);
    }
  }

  private static List<String> missingLinks(NativeLibrary lib) {
    Path copy = null;
    try {
      copy = Files.createTempFile("native-check", "-" + lib.fileName());
      try (var zip = new ZipFile(lib.jar().toFile()); InputStream in = zip.getInputStream(entry(zip, lib))) {
        Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
      }
      Process ldd = new ProcessBuilder("ldd", copy.toString()).redirectErrorStream(true).start();
      String out = new String(ldd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!ldd.waitFor(30, TimeUnit.SECONDS)) throw new IllegalStateException("ldd did not finish on " + lib);
      var missing = new ArrayList<String>();
      for (String line : out.lines().toList()) {
        Matcher m = NOT_FOUND.matcher(line);
        if (m.find()) missing.add(m.group(1));
      }
      if (missing.isEmpty() && ldd.exitValue() != 0) {
        throw new IllegalStateException("ldd failed on " + lib + ":\n" + out);
      }
      return missing;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot check " + lib, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } finally {
      if (copy != null) copy.toFile().delete();
    }
  }

  private static ZipEntry entry(ZipFile zip, NativeLibrary lib) {
    ZipEntry e = zip.getEntry(lib.entry());
    if (e == null) throw new IllegalStateException(lib.entry() + " is not in " + lib.jar());
    return e;
  }
}
