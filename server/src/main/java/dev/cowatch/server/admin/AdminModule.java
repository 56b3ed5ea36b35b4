package dev.cowatch.server.admin;

import dev.cowatch.server.account.AccountModule;
import dev.cowatch.server.admin.http.AdminRoutes;
import dev.cowatch.server.admin.jdbc.JdbcSiteNotices;
import dev.cowatch.server.audit.AuditModule;
import dev.cowatch.server.platform.Ids;
import dev.cowatch.server.platform.jdbc.Database;
import dev.cowatch.server.room.RoomModule;
import io.javalin.config.RoutesConfig;
import java.time.Clock;

/**
 * The site's administration: live rooms, closing rooms, site-wide bans, notices to everyone online and the
 * audit log, for the accounts {@code ./cowatch admin grant} made administrators (docs/operations.md,
 * "Administration").
 */
public final class AdminModule {
  private final AdminService service;
  private final AdminRoutes routes;

  private AdminModule(AdminService service, AdminRoutes routes) {
    this.service = service;
    this.routes = routes;
  }

  public static AdminModule create(Database database, AccountModule accounts, RoomModule rooms, AuditModule audit,
      Clock clock, Ids ids) {
    AdminService service = new AdminService(accounts.services(), rooms, new JdbcSiteNotices(database.jdbi()),
        audit.log(), clock, ids);
    return new AdminModule(service, new AdminRoutes(service, new AuditPages(audit.reader()), accounts.authentication()));
  }

  /** Adds {@code /api/admin/*} and {@code /api/notices}. */
  public void registerRoutes(RoutesConfig r) {
    routes.register(r);
  }

  public AdminService service() {
    return service;
  }
}
