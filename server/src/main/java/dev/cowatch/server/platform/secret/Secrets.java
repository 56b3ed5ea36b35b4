package dev.cowatch.server.platform.secret;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Set;
import java.util.function.IntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's master secret and the keys derived from it. Nothing signs with the master secret
 * itself: every use asks for its own key by purpose ({@code "access-token"}, {@code "room-invite"}),
 * so a key leaked or broken for one purpose says nothing about the others.
 */
public final class Secrets {
  private static final Logger log = LoggerFactory.getLogger(Secrets.class);
  /** HMAC-SHA256 keys shorter than its block output add no strength; RFC 7518 asks for at least 256 bits. */
  public static final int MIN_BYTES = 32;
  private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

  private final byte[] master;

  private Secrets(byte[] master) {
    if (master.length < MIN_BYTES) {
      throw new IllegalArgumentException("the secret must be at least " + MIN_BYTES + " bytes, got " + master.length);
    }
    this.master = master.clone();
  }

  /** A secret from configuration: base64 (standard or url-safe) of at least 32 bytes. */
  public static Secrets fromBase64(String base64) {
    byte[] bytes;
    try {
      String s = base64.strip();
      bytes = s.contains("-") || s.contains("_") ? Base64.getUrlDecoder().decode(s) : Base64.getDecoder().decode(s);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the secret is not valid base64: " + e.getMessage(), e);
    }
    return new Secrets(bytes);
  }

  /**
   * The secret kept in {@code file}, created there (owner read/write only) on first start so that a
   * restart keeps every session and invite link valid.
   */
  public static Secrets loadOrCreate(Path file, IntFunction<byte[]> randomBytes) {
    try {
      if (Files.exists(file)) return read(file);
      byte[] fresh = randomBytes.apply(MIN_BYTES);
      try (SeekableByteChannel out = Files.newByteChannel(file, Set.of(StandardOpenOption.CREATE_NEW,
          StandardOpenOption.WRITE), ownerOnly())) {
        out.write(ByteBuffer.wrap(Base64.getEncoder().encode(fresh)));
      } catch (FileAlreadyExistsException raced) {
        return read(file); // another process created it first: use theirs
      }
      log.info("generated a new signing secret in {}", file.toAbsolutePath());
      return new Secrets(fresh);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or create the secret file " + file, e);
    }
  }

  private static Secrets read(Path file) throws IOException {
    if (isPosix() && !Files.getPosixFilePermissions(file).equals(OWNER_ONLY)) {
      log.warn("{} is readable by others; chmod 600 it", file.toAbsolutePath());
    }
    return fromBase64(Files.readString(file, StandardCharsets.US_ASCII));
  }

  private static FileAttribute<?>[] ownerOnly() {
    return isPosix() ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)} : new FileAttribute<?>[0];
  }

  private static boolean isPosix() {
    return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
  }

  /** A 32-byte key for one purpose: HMAC-SHA256(master, "cowatch/" + purpose). Same purpose, same key. */
  public byte[] derive(String purpose) {
    if (purpose == null || purpose.isBlank()) throw new IllegalArgumentException("a key needs a purpose");
    return Hmac.sha256(master, ("cowatch/" + purpose).getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public String toString() {
    return "Secrets[hidden]";
  }
}
