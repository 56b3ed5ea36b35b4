package dev.cowatch.server.cli;

import dev.cowatch.server.account.EmailRules;
import dev.cowatch.server.account.SiteStanding;
import dev.cowatch.server.account.User;
import dev.cowatch.server.account.jdbc.JdbcAccountStore;
import dev.cowatch.server.audit.AuditAction;
import dev.cowatch.server.audit.AuditEntry;
import dev.cowatch.server.audit.JdbcAuditLog;
import dev.cowatch.server.platform.jdbc.Database;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code ./cowatch admin grant|revoke|list}: who administers the site. Works on the configured database
 * directly, whether the server runs or not (a running server sees the change on the admin's next request).
 * Each change is in the audit log, with no actor: it came from the machine, not from an account.
 */
@Command(name = "admin", mixinStandardHelpOptions = true,
    subcommands = {AdminCommand.Grant.class, AdminCommand.Revoke.class, AdminCommand.ListAdmins.class},
    description = "Site administrators: they see the admin page (/admin): live rooms, bans, notices, the audit log.")
final class AdminCommand implements Runnable {
  static final int DONE = 0;
  /** The email names no account (or a guest), or the change was already so. */
  static final int NOT_FOUND = 1;
  /** Grant only: the account exists but nobody has shown it is the address's owner. */
  static final int NOT_VERIFIED = 4;

  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "missing subcommand: grant, revoke or list");
  }

  @Command(name = "grant", mixinStandardHelpOptions = true,
      description = "Makes the account with this email a site administrator.",
      exitCodeListHeading = "%nExit codes:%n",
      exitCodeList = {"0:granted, or already an administrator", "1:no account has this email", "2:usage error",
          "3:no database there, or it could not be opened", "4:the account has not verified its address"})
  static final class Grant implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    DatabaseOptions database;
    @Parameters(paramLabel = "EMAIL", description = "The account's email address.")
    String email;

    @Override
    public Integer call() {
      return OperatorDatabase.with(spec, "admin grant", "admin: cannot grant", database, db -> {
        Optional<User> user = account(spec, db, email);
        if (user.isEmpty()) return NOT_FOUND;
        // Anyone may sign up with any address: until its link was followed, the address proves nothing, and an
        // operator granting "ann@example.org" would hand the site to whoever typed it first.
        if (!user.get().emailVerified()) {
          spec.commandLine().getErr().println("admin: " + user.get().email() + " has not verified its address; "
              + "follow the link in the verification mail (without SMTP it is in the server's log) and try again");
          return NOT_VERIFIED;
        }
        boolean fresh = new JdbcAccountStore(db.jdbi()).standing().grantAdmin(user.get().id(),
            Clock.systemUTC().millis());
        if (fresh) audit(db, AuditAction.ADMIN_GRANTED, user.get());
        say(spec, "admin: " + user.get().email() + (fresh ? " is now a site administrator" : " was already a site administrator"));
        return DONE;
      });
    }
  }

  @Command(name = "revoke", mixinStandardHelpOptions = true,
      description = "Takes site administration away from the account with this email.",
      exitCodeListHeading = "%nExit codes:%n",
      exitCodeList = {"0:revoked", "1:no account has this email, or it is not an administrator", "2:usage error",
          "3:no database there, or it could not be opened"})
  static final class Revoke implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    DatabaseOptions database;
    @Parameters(paramLabel = "EMAIL", description = "The account's email address.")
    String email;

    @Override
    public Integer call() {
      return OperatorDatabase.with(spec, "admin revoke", "admin: cannot revoke", database, db -> {
        Optional<User> user = account(spec, db, email);
        if (user.isEmpty()) return NOT_FOUND;
        if (!new JdbcAccountStore(db.jdbi()).standing().revokeAdmin(user.get().id())) {
          spec.commandLine().getErr().println("admin: " + user.get().email() + " is not a site administrator");
          return NOT_FOUND;
        }
        audit(db, AuditAction.ADMIN_REVOKED, user.get());
        say(spec, "admin: " + user.get().email() + " is no longer a site administrator");
        return DONE;
      });
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true,
      description = "Lists the site administrators: email, name, since when.")
  static final class ListAdmins implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    DatabaseOptions database;

    @Override
    public Integer call() {
      return OperatorDatabase.with(spec, "admin list", "admin: cannot list", database, db -> {
        java.util.List<SiteStanding.Admin> admins = new JdbcAccountStore(db.jdbi()).standing().admins();
        if (admins.isEmpty()) say(spec, "admin: no site administrators; make one with ./cowatch admin grant EMAIL");
        for (SiteStanding.Admin a : admins) {
          say(spec, a.email() + "\t" + a.displayName() + "\tsince " + Instant.ofEpochMilli(a.grantedAt()));
        }
        return DONE;
      });
    }
  }

  private static Optional<User> account(CommandSpec spec, Database db, String email) {
    Optional<User> user = EmailRules.problem(email).isPresent() ? Optional.empty()
        : new JdbcAccountStore(db.jdbi()).transaction(r -> r.users().findByEmail(email)).filter(u -> !u.isGuest());
    if (user.isEmpty()) {
      spec.commandLine().getErr().println("admin: no account has the email " + email
          + " (sign up on the web app first; guests cannot administer)");
    }
    return user;
  }

  private static void audit(Database db, AuditAction action, User user) {
    new JdbcAuditLog(db, Clock.systemUTC()).append(new AuditEntry(action, null, "user:" + user.id().value(),
        Map.of("by", "command line", "email", user.email()), null));
  }

  private static void say(CommandSpec spec, String line) {
    PrintWriter out = spec.commandLine().getOut();
    out.println(line);
    out.flush();
  }
}
