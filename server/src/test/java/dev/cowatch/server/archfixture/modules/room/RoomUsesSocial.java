package dev.cowatch.server.archfixture.modules.room;

import dev.cowatch.server.archfixture.modules.social.SocialUsesRoom;

/** A deliberate violation for ModuleDependenciesTest: rooms never use social. */
public final class RoomUsesSocial {
  public String friendsOf(SocialUsesRoom social) {
    return social.roomName(this);
  }

  public String name() {
    return "room";
  }
}
