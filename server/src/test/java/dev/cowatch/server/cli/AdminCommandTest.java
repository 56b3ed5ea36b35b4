package dev.cowatch.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cowatch.core.room.UserId;
import dev.cowatch.server.TestServer;
import dev.cowatch.server.account.jdbc.JdbcAccountStore;
import dev.cowatch.server.audit.AuditVerifier;
import dev.cowatch.server.audit.JdbcAuditLog;
import dev.cowatch.server.cli.CommandLines.Run;
import dev.cowatch.server.http.Api;
import dev.cowatch.server.platform.jdbc.Database;
import dev.cowatch.server.platform.jdbc.DatabaseConfig;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./cowatch admin grant|revoke|list} on the data directory of a server that is running: the
 * server's admin API follows at once, unknown emails and guests are refused with a clear line.
 */
class AdminCommandTest {
  @TempDir
  Path dataDir;

  private Run admin(String... args) {
    String[] line = new String[args.length + 3];
    line[0] = "admin";
    System.arraycopy(args, 0, line, 1, args.length);
    line[args.length + 1] = "--data-dir";
    line[args.length + 2] = dataDir.toString();
    return CommandLines.run(line);
  }

  @Test
  void grant_whileTheServerRuns_makesTheAccountAnAdmin_revoke_takesItBack_eachAudited() {
    try (TestServer ts = new TestServer(dataDir, dev.cowatch.core.Tolerances.DEFAULTS,
        dev.cowatch.server.platform.Limits.DEFAULTS); Api api = new Api(ts)) {
      Api.Reply reg = api.call("POST", "/api/auth/register", "{\"email\":\"Ann@Example.test\",\"password\":"
          + "\"correct horse battery\",\"displayName\":\"Ann\"}", null);
      String token = reg.json().get("accessToken").asText();
      assertThat(api.call("GET", "/api/admin", null, token).json().get("admin").asBoolean()).isFalse();
      verify(ts, "ann@example.test");

      Run granted = admin("grant", "ann@example.test");
      assertThat(granted.out()).isEqualTo("admin: Ann@Example.test is now a site administrator" + System.lineSeparator());
      assertThat(granted.exitCode()).isZero();
      assertThat(api.call("GET", "/api/admin", null, token).json().get("admin").asBoolean()).as("the running server follows")
          .isTrue();
      assertThat(admin("grant", "ann@example.test").out()).contains("was already a site administrator");

      Run list = admin("list");
      assertThat(list.out()).startsWith("Ann@Example.test\tAnn\tsince ");
      assertThat(list.exitCode()).isZero();

      Run revoked = admin("revoke", "ann@example.test");
      assertThat(revoked.out()).contains("is no longer a site administrator");
      assertThat(revoked.exitCode()).isZero();
      assertThat(api.call("GET", "/api/admin", null, token).json().get("admin").asBoolean()).isFalse();
      assertThat(admin("revoke", "ann@example.test").exitCode()).as("not an admin any more").isEqualTo(1);
      assertThat(admin("list").out()).contains("no site administrators");
    }
    try (Database db = Database.open(DatabaseConfig.embedded(dataDir))) {
      JdbcAuditLog log = new JdbcAuditLog(db, Clock.systemUTC());
      assertThat(log.verify()).isInstanceOf(AuditVerifier.Intact.class);
      assertThat(log.page(null, 10)).extracting(r -> r.action()).containsSubsequence("ADMIN_REVOKED", "ADMIN_GRANTED");
    }
  }

  @Test
  void grant_anUnknownEmail_orAGuest_saysSo_andChangesNothing() {
    try (TestServer ts = new TestServer(dataDir, dev.cowatch.core.Tolerances.DEFAULTS,
        dev.cowatch.server.platform.Limits.DEFAULTS); Api api = new Api(ts)) {
      String guest = api.guest("Gus").userId();
      Run unknown = admin("grant", "nobody@example.test");
      assertThat(unknown.err()).startsWith("admin: no account has the email nobody@example.test");
      assertThat(unknown.exitCode()).isEqualTo(1);
      assertThat(admin("grant", "not an email").exitCode()).isEqualTo(1);
      assertThat(ts.server().accounts().services().standing().isAdmin(new UserId(guest))).isFalse();
      assertThat(ts.server().accounts().services().standing().admins()).isEmpty();
    }
  }

  /**
   * Anyone may register any address: one nobody has proven is not the operator's, and granting it would hand the
   * site to whoever signed up with it first.
   */
  @Test
  void grant_anUnverifiedAddress_isRefusedWithExit4_untilTheAddressIsVerified() {
    try (TestServer ts = new TestServer(dataDir, dev.cowatch.core.Tolerances.DEFAULTS,
        dev.cowatch.server.platform.Limits.DEFAULTS); Api api = new Api(ts)) {
      String token = api.call("POST", "/api/auth/register", "{\"email\":\"ann@example.test\",\"password\":"
          + "\"correct horse battery\",\"displayName\":\"Ann\"}", null).json().get("accessToken").asText();

      Run refused = admin("grant", "ann@example.test");
      assertThat(refused.err()).startsWith("admin: ann@example.test has not verified its address");
      assertThat(refused.exitCode()).isEqualTo(4);
      assertThat(refused.out()).isEmpty();
      assertThat(api.call("GET", "/api/admin", null, token).json().get("admin").asBoolean()).isFalse();
      assertThat(ts.server().accounts().services().standing().admins()).isEmpty();

      verify(ts, "ann@example.test");
      assertThat(admin("grant", "ann@example.test").exitCode()).isZero();
      assertThat(api.call("GET", "/api/admin", null, token).json().get("admin").asBoolean()).isTrue();
    }
    try (Database db = Database.open(DatabaseConfig.embedded(dataDir))) {
      assertThat(new JdbcAuditLog(db, Clock.systemUTC()).page(null, 10)).extracting(r -> r.action())
          .containsOnlyOnce("ADMIN_GRANTED");
    }
  }

  /** As following the mailed link does. */
  private static void verify(TestServer ts, String email) {
    new JdbcAccountStore(ts.server().database().jdbi()).transaction(r -> {
      var user = r.users().findByEmail(email).orElseThrow();
      r.users().update(user.verified(), Clock.systemUTC().millis());
      return null;
    });
  }

  @Test
  void withoutADatabase_saysWhereItLooked_andExits3() {
    Run run = admin("list");
    assertThat(run.err()).startsWith("admin: no database in ");
    assertThat(run.exitCode()).isEqualTo(3);
  }

  @Test
  void withoutASubcommand_isAUsageError() {
    Run run = CommandLines.run("admin");
    assertThat(run.err()).contains("missing subcommand: grant, revoke or list");
    assertThat(run.exitCode()).isEqualTo(2);
  }
}
