package dev.cowatch.server.room.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cowatch.core.FakeClock;
import dev.cowatch.core.room.RoomId;
import dev.cowatch.core.room.UserId;
import dev.cowatch.server.account.AttemptLimiter;
import dev.cowatch.server.account.Identity;
import dev.cowatch.server.platform.Refusal;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The three counters of room password tries, with small limits and a fake clock. */
class PasswordGuessesTest {
  private static final RoomId ROOM = new RoomId("r-guessed");
  private static final RoomId OTHER_ROOM = new RoomId("r-other");
  private final FakeClock clock = FakeClock.atFixedStart();
  private final Duration window = Duration.ofMinutes(15);
  /** 3 per address, 2 per identity, 5 wrong per room. */
  private final PasswordGuesses guesses = new PasswordGuesses(new AttemptLimiter(3, window, 100, clock),
      new AttemptLimiter(2, window, 100, clock), new AttemptLimiter(5, Duration.ofHours(1), 100, clock));

  private static Identity guest(int n) {
    return new Identity(new UserId("guest-" + n), Identity.Kind.GUEST, "Guest " + n);
  }

  private void wrongTry(Identity who, String address) {
    guesses.take(ROOM, who, address);
    guesses.wrong(ROOM);
  }

  @Test
  void anAddressOutOfTries_isRefused429WithTheWait_beforeAnyHash_andOthersStillTry() {
    for (int i = 0; i < 3; i++) wrongTry(guest(i), "203.0.113.7");
    clock.advance(Duration.ofMinutes(5));

    assertThatThrownBy(() -> guesses.take(ROOM, guest(9), "203.0.113.7")).isInstanceOfSatisfying(Refusal.class,
        r -> {
          assertThat(r.status()).isEqualTo(429);
          assertThat(r.type()).isEqualTo("too-many-password-guesses");
          assertThat(r.retryAfter()).isEqualTo(Duration.ofMinutes(10));
        });
    assertThatThrownBy(() -> guesses.checkAddress(OTHER_ROOM, "203.0.113.7")).isInstanceOf(Refusal.class);
    guesses.take(ROOM, guest(10), "198.51.100.2"); // another address: a try
    clock.advance(Duration.ofMinutes(10));
    guesses.take(ROOM, guest(11), "203.0.113.7"); // the window moved on
  }

  @Test
  void oneIdentity_movingBetweenAddresses_isCountedAsOne() {
    wrongTry(guest(1), "203.0.113.1");
    wrongTry(guest(1), "203.0.113.2");

    assertThatThrownBy(() -> guesses.take(ROOM, guest(1), "203.0.113.3")).isInstanceOf(Refusal.class);
  }

  @Test
  void aRoom_countsWrongPasswordsOnly_fromEveryAddress_andRefusesAllOnceFull() {
    for (int i = 0; i < 20; i++) guesses.take(ROOM, guest(100 + i), "10.0.0." + i); // right ones: not counted
    guesses.checkAddress(ROOM, "10.0.1.1");
    for (int i = 0; i < 5; i++) wrongTry(guest(i), "10.0.2." + i);

    assertThatThrownBy(() -> guesses.checkAddress(ROOM, "10.0.3.1")).isInstanceOf(Refusal.class);
    assertThatThrownBy(() -> guesses.take(ROOM, guest(50), "10.0.3.1")).isInstanceOf(Refusal.class);
    guesses.take(OTHER_ROOM, guest(50), "10.0.3.1");
  }

  @Test
  void noAddress_isOneSharedBucket_notAFreePass() {
    for (int i = 0; i < 3; i++) guesses.take(ROOM, guest(i), null);

    assertThatThrownBy(() -> guesses.take(ROOM, guest(9), "")).isInstanceOf(Refusal.class);
  }
}
