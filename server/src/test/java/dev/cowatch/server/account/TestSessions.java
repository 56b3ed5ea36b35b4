package dev.cowatch.server.account;

import dev.cowatch.server.CowatchServer;

/**
 * Signed-in identities for tests of other features (rooms, WebSocket), made through the service without
 * HTTP. Use {@code session.accessToken()} as the Bearer token or the WebSocket hello's token, and
 * {@code session.user().identity()} where a service takes an {@link Identity}.
 */
public final class TestSessions {
  private TestSessions() {}

  /** A new guest with this display name. */
  public static Session guest(CowatchServer server, String displayName) {
    return server.accounts().services().sessions().guest(displayName, null);
  }

  /** A new (unverified) account; the password is "correct horse battery". */
  public static Session account(CowatchServer server, String email, String displayName) {
    return server.accounts().services().accounts().register(email, "correct horse battery", displayName, null);
  }
}
