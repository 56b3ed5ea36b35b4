package dev.cowatch.server.rtc;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * What a browser passes to {@code RTCPeerConnection} as {@code iceServers}. TURN credentials follow coturn's
 * "TURN REST API" ({@code use-auth-secret}): the user name is {@code <expiry epoch seconds>:<user id>}, the
 * password base64(HMAC-SHA1(secret, user name)), so coturn checks them without asking Cowatch and refuses
 * them once expired.
 */
public final class IceServers {
  private final IceConfig config;
  private final Clock clock;

  public IceServers(IceConfig config, Clock clock) {
    this.config = config;
    this.clock = clock;
  }

  /** One entry of {@code iceServers}; {@code username} and {@code credential} null for STUN. */
  public record Server(List<String> urls, String username, String credential) {}

  /** The servers for {@code userId}, and when their credentials expire (epoch ms; 0 when nothing expires). */
  public record Answer(List<Server> iceServers, long expiresAtMs) {}

  public Answer forUser(String userId) {
    List<String> stun = new ArrayList<>();
    List<String> turn = new ArrayList<>();
    for (String url : config.urls()) (config.isTurn(url) ? turn : stun).add(url);
    List<Server> servers = new ArrayList<>();
    if (!stun.isEmpty()) servers.add(new Server(stun, null, null));
    if (turn.isEmpty()) return new Answer(servers, 0);
    if (config.turnSecret() == null) {
      servers.add(new Server(turn, null, null));
      return new Answer(servers, 0);
    }
    long expiresAtSeconds = clock.millis() / 1000 + config.credentialTtl().toSeconds();
    String username = expiresAtSeconds + ":" + userId;
    servers.add(new Server(turn, username, hmac(config.turnSecret(), username)));
    return new Answer(servers, expiresAtSeconds * 1000);
  }

  static String hmac(String secret, String username) {
    try {
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
      return Base64.getEncoder().encodeToString(mac.doFinal(username.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA1 is part of every JDK", e);
    }
  }
}
