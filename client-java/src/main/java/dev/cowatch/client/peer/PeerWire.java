package dev.cowatch.client.peer;

import dev.cowatch.core.room.Intent;
import dev.cowatch.core.room.Role;
import dev.cowatch.protocol.Wire;

/** The wire names the peers use for what core names otherwise: a cause's intent, a member's role. */
final class PeerWire {
  private PeerWire() {}

  /** The cause an intent gives a timeline, as the server names it. */
  static String causeName(Intent.Control intent) {
    return switch (intent) {
      case Intent.Play p -> "play";
      case Intent.Pause p -> "pause";
      case Intent.Seek s -> "seek";
      case Intent.SetRate r -> "setRate";
      case Intent.SetMedia m -> "setMedia";
    };
  }

  /** A role from presence; one this client does not know counts as a guest's. */
  static Role role(String wire) {
    try {
      return Role.valueOf(Wire.constant(wire));
    } catch (IllegalArgumentException | NullPointerException e) {
      return Role.GUEST;
    }
  }
}
