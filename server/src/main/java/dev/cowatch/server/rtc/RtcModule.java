package dev.cowatch.server.rtc;

import dev.cowatch.server.account.AccountModule;
import dev.cowatch.server.room.RoomModule;
import dev.cowatch.server.rtc.http.RtcRoutes;
import io.javalin.config.RoutesConfig;
import java.time.Clock;

/**
 * Peer-to-peer connections between browsers: the ICE servers they use, given to members of a room whose
 * peers connect. Signaling itself goes over the room's socket (room.ws.SignalRelay), between members of
 * one room.
 */
public final class RtcModule {
  private final IceServers iceServers;
  private final RelayAccess access;
  private final AccountModule accounts;

  private RtcModule(IceServers iceServers, RelayAccess access, AccountModule accounts) {
    this.iceServers = iceServers;
    this.access = access;
    this.accounts = accounts;
  }

  public static RtcModule create(IceConfig config, AccountModule accounts, RoomModule rooms, Clock clock) {
    IceServers servers = new IceServers(config, clock);
    return new RtcModule(servers, new RelayAccess(servers, rooms.service()), accounts);
  }

  public IceServers iceServers() {
    return iceServers;
  }

  public void registerRoutes(RoutesConfig routes) {
    new RtcRoutes(access, accounts.authentication()).register(routes);
  }
}
