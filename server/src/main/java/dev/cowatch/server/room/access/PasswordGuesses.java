package dev.cowatch.server.room.access;

import dev.cowatch.core.room.RoomId;
import dev.cowatch.server.account.Attempts;
import dev.cowatch.server.account.Identity;
import dev.cowatch.server.platform.Refusal;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * How many tries at room passwords a client gets: per client address, per identity and per room, on
 * the attempt counters identity keeps (its memory on one node, Redis in a cluster, so spreading guesses
 * over the nodes buys none). Asked before a password is hashed: a refused guess costs no Argon2id hash,
 * so guessing is no lever on the server's CPU and memory either.
 *
 * <p>Why three counters, and why they count differently:
 * <ul>
 *   <li><b>Per address</b> and <b>per identity</b> count every try, right or wrong, and count it before
 *       the hash: many guesses sent at once cannot all get past the check while the first are still being
 *       hashed. They are the guesser's own keys, so they can be strict; an honest person tries once or
 *       twice (a member enters without a password at all), and a right password counting one try is cheap.
 *       The identity counter catches one account (or guest) moving between addresses; the address counter
 *       catches fresh guest identities from one address (a Syncplay client makes one per Hello).
 *   <li><b>Per room</b> counts wrong passwords only, from everyone, over a longer window: it bounds what
 *       many addresses together (a botnet) can try against one room. It counts wrong ones only, so a crowd
 *       entering with the right password never closes a room; it is far above the per-address limit, so one
 *       guesser alone never reaches it and while one address is refused everyone else still gets in. When
 *       many addresses together fill it the room's password entry pauses for strangers until the window
 *       frees a try: members stay, and invite links still let people in. That is the trade: a distributed
 *       attack can make password entry wait; it cannot make it succeed.
 * </ul>
 * At the defaults a random eight-character password (the minimum, {@link RoomPasswords#MIN_LENGTH}) of
 * letters and digits holds for about 50 million years even at the per-room rate (500 an hour); one address
 * gets 80 tries an hour.
 */
public final class PasswordGuesses {
  /** Tries per client address: a household behind one NAT entering a few rooms stays far below. */
  public static final int PER_ADDRESS = 20;
  /** Tries per identity (account or guest). */
  public static final int PER_IDENTITY = 10;
  public static final Duration WINDOW = Duration.ofMinutes(15);
  /** Wrong passwords per room from everyone: many addresses' worth, and a longer window. */
  public static final int PER_ROOM = 500;
  public static final Duration ROOM_WINDOW = Duration.ofHours(1);

  /** Requests without a client address (services called directly) share one bucket. */
  private static final String NO_ADDRESS = "-";

  private final Attempts perAddress;
  private final Attempts perIdentity;
  private final Attempts perRoom;

  public PasswordGuesses(Attempts perAddress, Attempts perIdentity, Attempts perRoom) {
    this.perAddress = perAddress;
    this.perIdentity = perIdentity;
    this.perRoom = perRoom;
  }

  /** The counters, at the defaults, from {@code counters} (identity's: memory or Redis). */
  public static PasswordGuesses on(Attempts.Factory counters) {
    return new PasswordGuesses(counters.create("room-password-address", PER_ADDRESS, WINDOW),
        counters.create("room-password-identity", PER_IDENTITY, WINDOW),
        counters.create("room-password-room", PER_ROOM, ROOM_WINDOW));
  }

  /**
   * Refuses when {@code address} or the room has no tries left (before a guest is made for the try, say).
   *
   * @throws Refusal 429 with Retry-After
   */
  public void checkAddress(RoomId room, String address) {
    refuseIfAny(Stream.of(perAddress.blockedFor(addr(address)), perRoom.blockedFor(room.value())));
  }

  /**
   * Takes one try for {@code who} from {@code address} at {@code room}'s password, or refuses: call it
   * before hashing the password, and {@link #wrong} after a wrong one.
   *
   * @throws Refusal 429 with Retry-After (the longest wait of the full counters)
   */
  public void take(RoomId room, Identity who, String address) {
    String id = who.userId().value();
    refuseIfAny(Stream.of(perAddress.blockedFor(addr(address)), perIdentity.blockedFor(id),
        perRoom.blockedFor(room.value())));
    perAddress.record(addr(address));
    perIdentity.record(id);
  }

  /** Counts a wrong password against the room. */
  public void wrong(RoomId room) {
    perRoom.record(room.value());
  }

  private static void refuseIfAny(Stream<Optional<Duration>> waits) {
    Optional<Duration> longest = waits.flatMap(Optional::stream).max(Duration::compareTo);
    longest.ifPresent(wait -> {
      throw new Refusal(Refusal.Kind.TOO_MANY, "too-many-password-guesses", "too many tries at this room's password:"
          + " try again in " + Math.max(1, (wait.toMillis() + 999) / 1000) + " s, or ask for an invite link", wait);
    });
  }

  private static String addr(String address) {
    return address == null || address.isBlank() ? NO_ADDRESS : address;
  }
}
