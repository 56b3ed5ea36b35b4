package dev.cowatch.server.account;

/** What sign-in hands out: a short-lived access token, a refresh token to get the next one, and who it is. */
public record Session(String accessToken, long accessTokenExpiresAt, String refreshToken, User user) {
  @Override
  public String toString() {
    return "Session[" + user + ", expires " + accessTokenExpiresAt + "]";
  }
}
