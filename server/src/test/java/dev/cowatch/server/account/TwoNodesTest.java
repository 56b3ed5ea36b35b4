package dev.cowatch.server.account;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cowatch.server.account.jdbc.JdbcAccountStore;
import dev.cowatch.server.platform.Ids;
import dev.cowatch.server.platform.secret.Secrets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Two nodes on one database and one secret: a session from one works on the other; sign-outs spread. */
class TwoNodesTest {

  @Test
  void signOutEverywhere_onOneNode_reachesTheOtherWithinTheCacheTtl() {
    try (AccountFixture a = new AccountFixture(dev.cowatch.server.platform.jdbc.TestDatabases.sqlite())) {
      AccountServices b = AccountServices.create(AccountConfig.fastForTests(), new JdbcAccountStore(a.db.jdbi()),
          new RecordingMailer(), new RecordingAuditLog(), Secrets.fromBase64(AccountFixture.SECRET), a.clock,
          Ids.seeded(7), () -> AccountFixture.PUBLIC_URL);
      Session s = a.register("ann@example.org", "correct horse battery");
      assertThat(b.authenticator().authenticate(s.accessToken())).isPresent(); // b caches the session version

      a.sessions().logoutEverywhere(s.user().identity(), null);

      assertThat(a.authenticator().authenticate(s.accessToken())).as("this node: at once").isEmpty();
      assertThat(b.authenticator().authenticate(s.accessToken())).as("other node: still cached").isPresent();
      a.clock.advance(AccountServices.USER_CACHE_TTL);
      assertThat(b.authenticator().authenticate(s.accessToken())).as("other node: after the TTL").isEmpty();
      assertThat(a.clock.millis()).isLessThan(s.accessTokenExpiresAt() - Duration.ofMinutes(10).toMillis());
    }
  }

  @Test
  void signOut_onOneNode_endsTheSessionsAccessTokenOnTheOtherWithinOneSecond() {
    try (AccountFixture a = new AccountFixture(dev.cowatch.server.platform.jdbc.TestDatabases.sqlite())) {
      AccountServices b = AccountServices.create(AccountConfig.fastForTests(), new JdbcAccountStore(a.db.jdbi()),
          new RecordingMailer(), new RecordingAuditLog(), Secrets.fromBase64(AccountFixture.SECRET), a.clock,
          Ids.seeded(7), () -> AccountFixture.PUBLIC_URL);
      Session s = a.register("ann@example.org", "correct horse battery");
      assertThat(b.authenticator().authenticate(s.accessToken())).isPresent(); // b remembers the session as alive

      a.sessions().logout(s.refreshToken());

      assertThat(a.authenticator().authenticate(s.accessToken())).as("this node: at once").isEmpty();
      a.clock.advance(SessionLiveness.MAX_STALENESS.minusMillis(1));
      assertThat(b.authenticator().authenticate(s.accessToken())).as("other node: inside the bound").isPresent();
      a.clock.advance(Duration.ofMillis(1));
      assertThat(b.authenticator().authenticate(s.accessToken())).as("other node: at the bound").isEmpty();
      assertThat(SessionLiveness.MAX_STALENESS).isLessThanOrEqualTo(Duration.ofSeconds(1));
    }
  }
}
