package dev.cowatch.server.account;

import dev.cowatch.core.text.Names;
import java.util.Optional;

/** A name others see in rooms: 1-40 printable characters, no surrounding space. */
public final class DisplayNameRules {
  public static final int MAX_LENGTH = 40;

  private DisplayNameRules() {}

  /** The name as stored: surrounding white space dropped. */
  public static String normalize(String name) {
    return Names.normalize(name);
  }

  /** Why the (normalized) name is unacceptable, or empty when it is fine: the rule every name follows. */
  public static Optional<String> problem(String name) {
    return Names.problem(name, MAX_LENGTH);
  }
}
