package dev.cowatch.server.syncplay;

import java.util.Optional;

/**
 * The Syncplay commands this server answers, by their wire names; {@link SyncplaySession} dispatches on
 * them, and the authorization matrix enumerates them (a command handled here without rows in its table
 * fails that test). Anything else ends the connection.
 */
public enum SyncplayCommand {
  TLS("TLS", false),
  HELLO("Hello", false),
  ERROR("Error", false),
  STATE("State", true),
  SET("Set", true),
  LIST("List", true),
  CHAT("Chat", true);

  private final String wireName;
  private final boolean afterHello;

  SyncplayCommand(String wireName, boolean afterHello) {
    this.wireName = wireName;
    this.afterHello = afterHello;
  }

  /** The key of the line's JSON object that names this command. */
  public String wireName() {
    return wireName;
  }

  /** Whether the client must have said Hello first. */
  public boolean afterHello() {
    return afterHello;
  }

  /** The command of that wire name, empty for one this server does not handle. */
  public static Optional<SyncplayCommand> named(String wireName) {
    for (SyncplayCommand c : values()) if (c.wireName.equals(wireName)) return Optional.of(c);
    return Optional.empty();
  }
}
