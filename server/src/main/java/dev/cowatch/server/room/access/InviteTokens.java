package dev.cowatch.server.room.access;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The token in an invite link: the invite's id and an HMAC over it, so a made-up or altered
 * link is refused before any lookup.
 */
public final class InviteTokens {
  private static final int SIGNATURE_BYTES = 18;
  private final SecretKeySpec key;

  public InviteTokens(byte[] key) {
    if (key.length < 32) throw new IllegalArgumentException("an invite key has at least 32 bytes");
    this.key = new SecretKeySpec(key.clone(), "HmacSHA256");
  }

  public String sign(String inviteId) {
    return inviteId + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signature(inviteId));
  }

  /** The invite id, if the token is well formed and its signature is ours. */
  public Optional<String> verify(String token) {
    if (token == null || token.length() > 128) return Optional.empty();
    int dot = token.indexOf('.');
    if (dot <= 0) return Optional.empty();
    String id = token.substring(0, dot);
    byte[] given;
    try {
      given = Base64.getUrlDecoder().decode(token.substring(dot + 1));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    return MessageDigest.isEqual(given, signature(id)) ? Optional.of(id) : Optional.empty();
  }

  private byte[] signature(String id) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      byte[] full = mac.doFinal(("invite:" + id).getBytes(StandardCharsets.UTF_8));
      return java.util.Arrays.copyOf(full, SIGNATURE_BYTES);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }
}
