package dev.cowatch.server;

import java.security.SecureRandom;
import java.util.Base64;

/** Where identifiers come from; injected so tests can make them predictable. */
public interface Ids {
  String roomId();

  String memberId();

  /** A secret that lets a member reclaim its identity; unguessable. */
  String resumeToken();

  /** The name of a queue entry: unique within its room is enough. */
  default String queueItemId() {
    return "q" + memberId().substring(1);
  }

  static Ids secure() {
    SecureRandom random = new SecureRandom();
    String alphabet = "abcdefghijkmnpqrstuvwxyz23456789"; // no 0/o, 1/l: read aloud safely
    return new Ids() {
      @Override
      public String roomId() {
        StringBuilder sb = new StringBuilder(10);
        for (int i = 0; i < 10; i++) sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
        return sb.toString();
      }

      @Override
      public String memberId() {
        byte[] bytes = new byte[9];
        random.nextBytes(bytes);
        return "m-" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
      }

      @Override
      public String resumeToken() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
      }
    };
  }
}
