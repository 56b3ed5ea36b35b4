package dev.cowatch.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Shares the machine between the test JVMs (e2e runs three): every top-level test class holds a lock on
 * {@code target/machine-share.lock} while it runs, shared, or exclusive when it {@link RunsAlone}. The
 * locks are the operating system's file locks, so they hold across JVMs and go with a JVM that dies.
 *
 * <p>A second file is the turnstile: a class passes it (takes it exclusively and lets go) before it asks
 * for the share, and a class that runs alone keeps it while it waits. Without it a JVM running one
 * shared class after another could hand its share over to itself forever; with it, the other JVM's next
 * class waits at the turnstile while the lone class waits for the current one to end.
 *
 * <p>The build already keeps the lone classes apart (their own execution, after the shared ones); the locks
 * hold the rule wherever classes are run together otherwise: -Dtest lists, an IDE, a second build beside.
 *
 * <p>Registered for every class by JUnit's extension autodetection (src/test/resources/META-INF/services
 * and junit-platform.properties). Nested classes run inside their outer class's share.
 */
public final class MachineShare implements BeforeAllCallback, AfterAllCallback {
  private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(MachineShare.class);
  private static final Path DIR = Path.of(System.getProperty("cowatch.e2e.out", "target"));

  @Override
  public void beforeAll(ExtensionContext context) throws IOException {
    if (!topLevel(context)) return;
    boolean alone = context.getRequiredTestClass().isAnnotationPresent(RunsAlone.class);
    Files.createDirectories(DIR);
    long asked = System.nanoTime();
    FileChannel share = open("machine-share.lock");
    try (FileChannel turnstile = open("machine-share.turnstile")) {
      FileLock passing = turnstile.lock();
      share.lock(0, Long.MAX_VALUE, !alone);
      passing.release();
    } catch (IOException | RuntimeException e) {
      share.close();
      throw e;
    }
    long waitedMs = (System.nanoTime() - asked) / 1_000_000;
    if (alone && waitedMs > 100) {
      System.out.printf("%s waited %d ms for the machine to itself%n", context.getRequiredTestClass().getSimpleName(), waitedMs);
    }
    context.getStore(NS).put(FileChannel.class, share);
  }

  @Override
  public void afterAll(ExtensionContext context) {
    FileChannel share = context.getStore(NS).remove(FileChannel.class, FileChannel.class);
    if (share == null) return;
    try {
      share.close(); // releases the lock
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean topLevel(ExtensionContext context) {
    return context.getParent().flatMap(ExtensionContext::getParent).isEmpty();
  }

  private static FileChannel open(String name) throws IOException {
    return FileChannel.open(DIR.resolve(name), StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
  }
}
