package dev.cowatch.server.archfixture.modules.social;

import dev.cowatch.server.archfixture.modules.room.RoomUsesSocial;

/** Allowed for ModuleDependenciesTest: social may use rooms. */
public final class SocialUsesRoom {
  public String roomName(RoomUsesSocial room) {
    return room.name();
  }
}
