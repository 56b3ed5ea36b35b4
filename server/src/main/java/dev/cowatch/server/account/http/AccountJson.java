package dev.cowatch.server.account.http;

import dev.cowatch.server.account.Session;
import dev.cowatch.server.account.User;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** The wire shapes of docs/api.md: {@code User} and {@code Session}. Never a hash. */
final class AccountJson {
  private AccountJson() {}

  static Map<String, Object> user(User u) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", u.id().value());
    m.put("kind", u.kind().name().toLowerCase(Locale.ROOT));
    m.put("displayName", u.displayName());
    if (u.email() != null) m.put("email", u.email());
    m.put("emailVerified", u.emailVerified());
    return m;
  }

  static Map<String, Object> session(Session s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("accessToken", s.accessToken());
    m.put("accessTokenExpiresAt", s.accessTokenExpiresAt());
    m.put("refreshToken", s.refreshToken());
    m.put("user", user(s.user()));
    return m;
  }
}
