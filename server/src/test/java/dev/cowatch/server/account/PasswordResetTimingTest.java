package dev.cowatch.server.account;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cowatch.core.FakeClock;
import dev.cowatch.server.account.jdbc.JdbcAccountStore;
import dev.cowatch.server.platform.Ids;
import dev.cowatch.server.platform.jdbc.Database;
import dev.cowatch.server.platform.jdbc.TestDatabases;
import dev.cowatch.server.platform.secret.Secrets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A reset request is answered after the same work whether the address has an account or not, so that its timing
 * does not tell who has one: the look-up, the token and the mail (an SMTP round trip) happen after the answer. Counted,
 * not timed: the steps the request itself takes, which a stopwatch would only estimate with noise.
 */
class PasswordResetTimingTest {
  private static final String EMAIL = "ann@example.org";

  private final Database db = TestDatabases.sqlite();
  private final CountingStore store = new CountingStore(new JdbcAccountStore(db.jdbi()));
  private final RecordingMailer mailer = new RecordingMailer();
  private final List<Runnable> afterTheAnswer = new ArrayList<>();
  private final AccountServices services = AccountServices.create(AccountConfig.fastForTests(), store, mailer,
      new RecordingAuditLog(), Secrets.fromBase64(AccountFixture.SECRET), FakeClock.atFixedStart(), Ids.seeded(7),
      () -> AccountFixture.PUBLIC_URL, Limiters.inMemory(1_000, FakeClock.atFixedStart()), afterTheAnswer::add);

  @AfterEach
  void close() {
    db.close();
  }

  @Test
  void aKnownAndAnUnknownAddress_takeTheSameStepsBeforeTheAnswer_none_onTheStoreOrTheMailer() {
    services.accounts().register(EMAIL, "correct horse battery", "Ann", "10.0.0.1");
    int mailsBefore = mailer.sent().size();

    Steps known = stepsOf(() -> services.accounts().requestPasswordReset(EMAIL));
    Steps unknown = stepsOf(() -> services.accounts().requestPasswordReset("nobody@example.org"));

    assertThat(known).isEqualTo(unknown).isEqualTo(new Steps(0, 0));
    assertThat(mailer.sent()).hasSize(mailsBefore);
  }

  @Test
  void afterTheAnswer_onlyTheKnownAddressGetsItsLink() {
    services.accounts().register(EMAIL, "correct horse battery", "Ann", "10.0.0.1");
    services.accounts().requestPasswordReset("nobody@example.org");
    services.accounts().requestPasswordReset(EMAIL);

    assertThat(afterTheAnswer).as("each request left one piece of work, known or not").hasSize(2);
    afterTheAnswer.forEach(Runnable::run);

    assertThat(mailer.sent()).extracting(m -> m.to()).doesNotContain("nobody@example.org");
    assertThat(mailer.lastToken(EMAIL, "/reset-password")).isNotBlank();
  }

  private record Steps(int transactions, int mails) {}

  private Steps stepsOf(Runnable request) {
    int transactions = store.transactions.get();
    int mails = mailer.sent().size();
    request.run();
    return new Steps(store.transactions.get() - transactions, mailer.sent().size() - mails);
  }

  /** The real store, counting its transactions. */
  private static final class CountingStore implements AccountStore {
    final AtomicInteger transactions = new AtomicInteger();
    private final AccountStore real;

    CountingStore(AccountStore real) {
      this.real = real;
    }

    @Override
    public <T> T transaction(Function<Repositories, T> work) {
      transactions.incrementAndGet();
      return real.transaction(work);
    }

    @Override
    public SiteStanding standing() {
      return real.standing();
    }
  }
}
