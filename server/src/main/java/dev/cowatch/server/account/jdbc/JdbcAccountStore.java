package dev.cowatch.server.account.jdbc;

import dev.cowatch.server.account.AccountStore;
import dev.cowatch.server.account.MailTokenRepository;
import dev.cowatch.server.account.RefreshTokenRepository;
import dev.cowatch.server.account.SiteStanding;
import dev.cowatch.server.account.UserRepository;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** {@link AccountStore} on JDBC: one Jdbi transaction per unit of work, read committed. */
public final class JdbcAccountStore implements AccountStore {
  private final Jdbi jdbi;

  public JdbcAccountStore(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  @Override
  public <T> T transaction(Function<Repositories, T> work) {
    return jdbi.inTransaction(handle -> work.apply(new HandleRepositories(handle)));
  }

  @Override
  public SiteStanding standing() {
    return new JdbcSiteStanding(jdbi);
  }

  private record HandleRepositories(Handle handle) implements Repositories {
    @Override
    public UserRepository users() {
      return new JdbcUsers(handle);
    }

    @Override
    public RefreshTokenRepository refreshTokens() {
      return new JdbcRefreshTokens(handle);
    }

    @Override
    public MailTokenRepository mailTokens() {
      return new JdbcMailTokens(handle);
    }
  }
}
