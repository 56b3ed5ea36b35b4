package dev.cowatch.server.platform;

import dev.cowatch.core.room.UserId;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Random;

/**
 * Where every identifier and secret token of the server comes from: one source of randomness,
 * injected, so that a test can make them all predictable ({@link #seeded}) and nothing else in the
 * server draws its own.
 */
public final class Ids {
  /** No 0/o, 1/l: ids that people read aloud or type from a screen. */
  private static final String READABLE = "abcdefghijkmnpqrstuvwxyz23456789";
  /** Prefix of the user ids made up for sessions without a token: never an account or a guest. */
  private static final String ANONYMOUS_PREFIX = "a-";

  private final Random random;

  private Ids(Random random) {
    this.random = random;
  }

  /** What a running server uses. */
  public static Ids secure() {
    return new Ids(new SecureRandom());
  }

  /** Reproducible ids for tests; never for a running server. */
  public static Ids seeded(long seed) {
    return new Ids(new Random(seed));
  }

  /** A room's id: 10 readable characters (50 bits), short enough to type from a link. */
  public String roomId() {
    return readable(10);
  }

  /** A member of a room, for one join. */
  public String memberId() {
    return "m-" + urlSafe(9);
  }

  /** A secret that lets a member reclaim its identity; unguessable. */
  public String resumeToken() {
    return urlSafe(32);
  }

  /** The name of a queue entry: unique within its room is enough. */
  public String queueItemId() {
    return "q-" + urlSafe(9);
  }

  /** A stored thing people refer to by link: a media item, a subtitle track, a showing (about 80 bits). */
  public String recordId() {
    return readable(16);
  }

  /** A room invite's id. */
  public String inviteId() {
    return "inv-" + urlSafe(12);
  }

  /** {@code u-} and 16 url-safe characters (96 bits): unguessable, fits {@link UserId}. */
  public UserId userId() {
    return new UserId("u-" + urlSafe(12));
  }

  /** Someone who joined without a token: a guest made up on the spot. */
  public UserId anonymousUserId() {
    return new UserId(ANONYMOUS_PREFIX + urlSafe(12));
  }

  /** Whether {@code user} was made up for a session without a token ({@link #anonymousUserId}). */
  public static boolean isAnonymous(UserId user) {
    return user.value().startsWith(ANONYMOUS_PREFIX);
  }

  /** 256 random bits, url-safe: refresh tokens and mail-link tokens. Only their hash is stored. */
  public String secretToken() {
    return urlSafe(32);
  }

  /** A unique id for a JWT ({@code jti}) or a refresh-token family; 128 bits. */
  public String tokenId() {
    return urlSafe(16);
  }

  /** Raw random bytes: a key made at first start. */
  public byte[] bytes(int count) {
    byte[] b = new byte[count];
    synchronized (random) { // SecureRandom is thread-safe; a seeded Random in a test must not interleave
      random.nextBytes(b);
    }
    return b;
  }

  private String urlSafe(int byteCount) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes(byteCount));
  }

  private String readable(int length) {
    StringBuilder sb = new StringBuilder(length);
    synchronized (random) {
      for (int i = 0; i < length; i++) sb.append(READABLE.charAt(random.nextInt(READABLE.length())));
    }
    return sb.toString();
  }
}
