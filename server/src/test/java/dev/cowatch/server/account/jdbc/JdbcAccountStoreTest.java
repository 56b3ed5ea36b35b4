package dev.cowatch.server.account.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cowatch.core.room.UserId;
import dev.cowatch.server.account.AccountError;
import dev.cowatch.server.account.AccountStore;
import dev.cowatch.server.account.Identity;
import dev.cowatch.server.account.MailToken;
import dev.cowatch.server.account.RefreshToken;
import dev.cowatch.server.account.User;
import dev.cowatch.server.platform.Refusal;
import dev.cowatch.server.platform.jdbc.Database;
import dev.cowatch.server.platform.jdbc.TestDatabases;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The JDBC account store on SQLite and PostgreSQL: the same answers from both. */
class JdbcAccountStoreTest {
  private static final long NOW = 1_000_000L;
  private static final UserId ANN = new UserId("u-ann00001");
  private static final UserId BOB = new UserId("u-bob00001");

  private static User ann() {
    return User.account(ANN, "Ann@Example.org", "Ann", "$argon2id$fake", NOW);
  }

  @ParameterizedTest
  @MethodSource("dev.cowatch.server.platform.jdbc.TestDatabases#both")
  void users_areFoundByIdAndByEmailInAnyCase(TestDatabases.Opener opener) {
    try (Database db = opener.open()) {
      AccountStore store = new JdbcAccountStore(db.jdbi());
      store.transaction(r -> {
        r.users().insert(ann(), NOW);
        return null;
      });

      Optional<User> byId = store.transaction(r -> r.users().find(ANN));
      Optional<User> byEmail = store.transaction(r -> r.users().findByEmail("ann@EXAMPLE.org"));

      assertThat(byId).hasValue(ann());
      assertThat(byEmail).hasValue(ann());
      assertThat(byId.get().email()).isEqualTo("Ann@Example.org");
      assertThat(store.<Optional<User>>transaction(r -> r.users().findByEmail("bob@example.org"))).isEmpty();
    }
  }

  @ParameterizedTest
  @MethodSource("dev.cowatch.server.platform.jdbc.TestDatabases#both")
  void a_secondUserWithTheSameEmailInAnotherCase_isRefusedAsEmailTaken(TestDatabases.Opener opener) {
    try (Database db = opener.open()) {
      AccountStore store = new JdbcAccountStore(db.jdbi());
      store.transaction(r -> {
        r.users().insert(ann(), NOW);
        return null;
      });

      assertThatThrownBy(() -> store.transaction(r -> {
        r.users().insert(User.account(BOB, "ANN@example.org", "Bob", "$argon2id$x", NOW), NOW);
        return null;
      })).isInstanceOfSatisfying(Refusal.class, e -> assertThat(e.type()).isEqualTo(AccountError.EMAIL_TAKEN.type()));
      assertThat(store.<Optional<User>>transaction(r -> r.users().find(BOB))).isEmpty();
    }
  }

  @ParameterizedTest
  @MethodSource("dev.cowatch.server.platform.jdbc.TestDatabases#both")
  void guestsHaveNoEmail_andManyMayExist(TestDatabases.Opener opener) {
    try (Database db = opener.open()) {
      AccountStore store = new JdbcAccountStore(db.jdbi());
      store.transaction(r -> {
        r.users().insert(User.guest(ANN, "Ann", NOW), NOW);
        r.users().insert(User.guest(BOB, "Bob", NOW), NOW);
        return null;
      });

      User guest = store.transaction(r -> r.users().find(BOB)).orElseThrow();
      assertThat(guest.kind()).isEqualTo(Identity.Kind.GUEST);
      assertThat(guest.email()).isNull();
      assertThat(guest.passwordHash()).isNull();
    }
  }

  @ParameterizedTest
  @MethodSource("dev.cowatch.server.platform.jdbc.TestDatabases#both")
  void a_failingTransaction_leavesNothingBehind(TestDatabases.Opener opener) {
    try (Database db = opener.open()) {
      AccountStore store = new JdbcAccountStore(db.jdbi());

      assertThatThrownBy(() -> store.transaction(r -> {
        r.users().insert(ann(), NOW);
        r.refreshTokens().insert(RefreshToken.fresh("h1", "f1", ANN, NOW, NOW + 10));
        throw new IllegalStateException("boom");
      })).hasMessage("boom");

      assertThat(store.<Optional<User>>transaction(r -> r.users().find(ANN))).isEmpty();
      assertThat(store.<Optional<RefreshToken>>transaction(r -> r.refreshTokens().find("h1"))).isEmpty();
    }
  }

  @ParameterizedTest
  @MethodSource("dev.cowatch.server.platform.jdbc.TestDatabases#both")
  void update_changesKindEmailAndPassword_butNotTheSessionVersion(TestDatabases.Opener opener) {
    try (Database db = opener.open()) {
      AccountStore store = new JdbcAccountStore(db.jdbi());
      store.transaction(r -> {
        r.users().insert(User.guest(ANN, "Guest", NOW), NOW);
        return r.users().bumpSessionVersion(ANN, NOW);
      });

      User upgraded = store.transaction(r -> {
        User g = r.users().find(ANN).orElseThrow();
        r.users().update(g.upgradedTo("ann@example.org", "Ann", "$argon2id$h").verified(), NOW + 1);
        return r.users().find(ANN).orElseThrow();
      });

      assertThat(upgraded.kind()).isEqualTo(Identity.Kind.ACCOUNT);
      assertThat(upgraded.email()).isEqualTo("ann@example.org");
      assertThat(upgraded.emailVerified()).isTrue();
      assertThat(upgraded.sessionVersion()).isEqualTo(1);
      assertThat(store.<Optional<User>>transaction(r -> r.users().findByEmail("ANN@example.org"))).hasValue(upgraded);
    }
  }

  @ParameterizedTest
  @MethodSource("dev.cowatch.server.platform.jdbc.TestDatabases#both")
  void bumpSessionVersion_countsUp(TestDatabases.Opener opener) {
    try (Database db = opener.open()) {
      AccountStore store = new JdbcAccountStore(db.jdbi());
      store.transaction(r -> {
        r.users().insert(ann(), NOW);
        return null;
      });

      long first = store.transaction(r -> r.users().bumpSessionVersion(ANN, NOW));
      long second = store.transaction(r -> r.users().bumpSessionVersion(ANN, NOW));

      assertThat(first).isEqualTo(1);
      assertThat(second).isEqualTo(2);
      assertThat(store.<Optional<User>>transaction(r -> r.users().find(ANN)).orElseThrow().sessionVersion()).isEqualTo(2);
    }
  }

  @ParameterizedTest
  @MethodSource("dev.cowatch.server.platform.jdbc.TestDatabases#both")
  void refreshTokens_areUsedOnce_andRevokedByFamilyOrUser(TestDatabases.Opener opener) {
    try (Database db = opener.open()) {
      AccountStore store = new JdbcAccountStore(db.jdbi());
      store.transaction(r -> {
        r.users().insert(ann(), NOW);
        r.refreshTokens().insert(RefreshToken.fresh("a1", "fa", ANN, NOW, NOW + 100));
        r.refreshTokens().insert(RefreshToken.fresh("a2", "fa", ANN, NOW, NOW + 100));
        r.refreshTokens().insert(RefreshToken.fresh("b1", "fb", ANN, NOW, NOW + 100));
        return null;
      });

      assertThat(store.<Boolean>transaction(r -> r.refreshTokens().markUsed("a1", NOW + 1))).isTrue();
      assertThat(store.<Boolean>transaction(r -> r.refreshTokens().isSessionLive("fa"))).as("used, not ended").isTrue();
      assertThat(store.<Boolean>transaction(r -> r.refreshTokens().markUsed("a1", NOW + 2))).isFalse();
      assertThat(store.<Optional<RefreshToken>>transaction(r -> r.refreshTokens().find("a1")).orElseThrow().usedAt()).isEqualTo(NOW + 1);

      assertThat(store.<Integer>transaction(r -> r.refreshTokens().revokeFamily("fa", NOW + 3))).isEqualTo(2);
      assertThat(store.<Optional<RefreshToken>>transaction(r -> r.refreshTokens().find("a2")).orElseThrow().revokedAt()).isEqualTo(NOW + 3);
      assertThat(store.<Optional<RefreshToken>>transaction(r -> r.refreshTokens().find("b1")).orElseThrow().revokedAt()).isNull();
      assertThat(store.<Boolean>transaction(r -> r.refreshTokens().isSessionLive("fa"))).as("signed out").isFalse();
      assertThat(store.<Boolean>transaction(r -> r.refreshTokens().isSessionLive("fb"))).isTrue();
      assertThat(store.<Boolean>transaction(r -> r.refreshTokens().isSessionLive("never"))).isFalse();

      assertThat(store.<Integer>transaction(r -> r.refreshTokens().revokeAll(ANN, NOW + 4))).isEqualTo(1);
      assertThat(store.<Optional<RefreshToken>>transaction(r -> r.refreshTokens().find("b1")).orElseThrow().revokedAt()).isEqualTo(NOW + 4);
      assertThat(store.<Boolean>transaction(r -> r.refreshTokens().isSessionLive("fb"))).isFalse();
    }
  }

  @ParameterizedTest
  @MethodSource("dev.cowatch.server.platform.jdbc.TestDatabases#both")
  void mailTokens_areConsumedOnce_andNotAfterExpiry(TestDatabases.Opener opener) {
    try (Database db = opener.open()) {
      AccountStore store = new JdbcAccountStore(db.jdbi());
      store.transaction(r -> {
        r.users().insert(ann(), NOW);
        r.mailTokens().insert(new MailToken("v1", MailToken.Purpose.VERIFY_EMAIL, ANN, "ann@example.org", NOW, NOW + 10, null));
        r.mailTokens().insert(new MailToken("r1", MailToken.Purpose.RESET_PASSWORD, ANN, "ann@example.org", NOW, NOW + 10, null));
        r.mailTokens().insert(new MailToken("r2", MailToken.Purpose.RESET_PASSWORD, ANN, "ann@example.org", NOW, NOW + 10, null));
        return null;
      });

      assertThat(store.<Boolean>transaction(r -> r.mailTokens().consume("v1", NOW + 10))).as("expired").isFalse();
      assertThat(store.<Boolean>transaction(r -> r.mailTokens().consume("r1", NOW + 5))).isTrue();
      assertThat(store.<Boolean>transaction(r -> r.mailTokens().consume("r1", NOW + 6))).as("used").isFalse();
      assertThat(store.<Integer>transaction(r -> r.mailTokens().consumeAll(ANN, MailToken.Purpose.RESET_PASSWORD, NOW + 7))).isEqualTo(1);
      MailToken r2 = store.transaction(r -> r.mailTokens().find("r2")).orElseThrow();
      assertThat(r2.usedAt()).isEqualTo(NOW + 7);
      assertThat(r2.purpose()).isEqualTo(MailToken.Purpose.RESET_PASSWORD);
      assertThat(r2.email()).isEqualTo("ann@example.org");
    }
  }

  @ParameterizedTest
  @MethodSource("dev.cowatch.server.platform.jdbc.TestDatabases#both")
  void deleteExpired_removesOnlyTokensExpiredBeforeTheCutoff(TestDatabases.Opener opener) {
    try (Database db = opener.open()) {
      AccountStore store = new JdbcAccountStore(db.jdbi());
      store.transaction(r -> {
        r.users().insert(ann(), NOW);
        r.refreshTokens().insert(RefreshToken.fresh("old", "f", ANN, NOW, NOW + 10));
        r.refreshTokens().insert(RefreshToken.fresh("new", "f", ANN, NOW, NOW + 1000));
        r.mailTokens().insert(new MailToken("m", MailToken.Purpose.VERIFY_EMAIL, ANN, "a@b.cd", NOW, NOW + 10, null));
        return null;
      });

      assertThat(store.<Integer>transaction(r -> r.refreshTokens().deleteExpired(NOW + 500))).isEqualTo(1);
      assertThat(store.<Integer>transaction(r -> r.mailTokens().deleteExpired(NOW + 500))).isEqualTo(1);
      assertThat(store.<Optional<RefreshToken>>transaction(r -> r.refreshTokens().find("new"))).isPresent();
      assertThat(store.<Optional<RefreshToken>>transaction(r -> r.refreshTokens().find("old"))).isEmpty();
    }
  }
}
