package dev.cowatch.server.rtc;

import dev.cowatch.server.account.AccountModule;
import dev.cowatch.server.rtc.http.RtcRoutes;
import io.javalin.config.RoutesConfig;
import java.time.Clock;

/**
 * Peer-to-peer connections between browsers: the ICE servers they use. Signaling itself goes over the
 * room's socket (room.ws.SignalRelay), between members of one room.
 */
public final class RtcModule {
  private final IceServers iceServers;
  private final AccountModule accounts;

  private RtcModule(IceServers iceServers, AccountModule accounts) {
    this.iceServers = iceServers;
    this.accounts = accounts;
  }

  public static RtcModule create(IceConfig config, AccountModule accounts, Clock clock) {
    return new RtcModule(new IceServers(config, clock), accounts);
  }

  public IceServers iceServers() {
    return iceServers;
  }

  public void registerRoutes(RoutesConfig routes) {
    new RtcRoutes(iceServers, accounts.authentication()).register(routes);
  }
}
