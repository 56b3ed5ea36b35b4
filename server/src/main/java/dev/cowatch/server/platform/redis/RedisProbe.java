package dev.cowatch.server.platform.redis;

import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Why a node could not connect to Redis, and what the operator should change: asked of each part itself once the
 * connection failed. Lettuce's own exception does not say reliably which part refused: through sentinels its cause is
 * often "RedisHandshakeHandler not registered", a sentinel's NOAUTH attached in some attempts and not in others, and
 * its direct connection to a primary that wants a password failed with the same words. So each sentinel is asked for
 * the primary, and the primary it names for a PING, in plain RESP ({@link RespDialogue}), one at a time.
 */
final class RedisProbe {
  /** Bound on each question: an operator waits for the answer of every part in turn. */
  private static final Duration EACH = Duration.ofSeconds(1);

  /** What a part said, in Redis's or the network's own words, and what to change. */
  record Finding(String said, String toDo) {
    String message(String where) {
      return where + " does not answer (" + said + "); " + toDo;
    }
  }

  private RedisProbe() {}

  /** The finding for {@code uri}, whose connection with {@code passwords} failed with {@code failure}. */
  static Finding probe(RedisURI uri, RedisPasswords passwords, RedisException failure) {
    if (uri.isSsl()) return fromLettuce(uri, failure); // a plain socket cannot ask a Redis behind TLS
    try {
      return asked(uri, passwords, failure);
    } catch (RuntimeException odd) {
      // An answer this reading did not expect (a port that is no number, say): what Lettuce said is still there.
      return fromLettuce(uri, failure);
    }
  }

  private static Finding asked(RedisURI uri, RedisPasswords passwords, RedisException failure) {
    if (uri.getSentinels().isEmpty()) {
      Optional<Finding> found = askRedis("Redis", uri.getHost(), uri.getPort(), passwords.primary(),
          "set the password Redis asks for in COWATCH_REDIS_PASSWORD", "start it or correct --redis-url");
      return found.orElseGet(() -> fromLettuce(uri, failure));
    }
    List<String> silent = new ArrayList<>();
    for (RedisURI sentinel : uri.getSentinels()) {
      String at = sentinel.getHost() + ":" + sentinel.getPort();
      Object primary;
      try (RespDialogue asked = RespDialogue.open(sentinel.getHost(), sentinel.getPort(), EACH)) {
        primary = authenticated(asked, passwords.sentinels());
        if (!(primary instanceof RespDialogue.Refused)) {
          primary = asked.ask("SENTINEL", "get-master-addr-by-name", uri.getSentinelMasterId());
        }
      } catch (IOException e) {
        silent.add(at + ": " + words(e));
        continue;
      }
      if (primary instanceof RespDialogue.Refused refused) {
        return new Finding("the sentinel at " + at + " said " + refused.said(),
            refusedPassword(refused) ? "set the sentinels' own password in COWATCH_REDIS_SENTINEL_PASSWORD"
                : "correct --redis-sentinel to the sentinels' addresses");
      }
      if (!(primary instanceof List<?> address) || address.size() != 2) {
        return new Finding("the sentinel at " + at + " knows no primary named '" + uri.getSentinelMasterId() + "'",
            "correct --redis-master to the name in the sentinels' 'sentinel monitor' line");
      }
      String host = String.valueOf(address.get(0));
      int port = Integer.parseInt(String.valueOf(address.get(1)));
      return askRedis("the primary", host, port, passwords.primary(),
          "set the primary's password in COWATCH_REDIS_PASSWORD (its replicas ask for the same)",
          "start it, or make the sentinels announce an address this node reaches (replica-announce-ip)")
          .map(f -> f.said().startsWith("the primary") ? f
              : new Finding("the sentinel at " + at + " names " + host + ":" + port + " as the primary, which does "
                  + "not answer from here: " + f.said(), f.toDo()))
          .orElseGet(() -> fromLettuce(uri, failure));
    }
    return new Finding("no sentinel answers: " + String.join("; ", silent), "start them or correct --redis-sentinel");
  }

  /**
   * Asks one Redis for a PING, with {@code password}: a refusal names the password to set; no answer, what to start
   * or correct; a PONG, nothing (the part is well, and Lettuce's words are all there is).
   */
  private static Optional<Finding> askRedis(String label, String host, int port, String password, String passwordToDo,
      String unreachableToDo) {
    Object answer;
    try (RespDialogue asked = RespDialogue.open(host, port, EACH)) {
      answer = authenticated(asked, password);
      if (!(answer instanceof RespDialogue.Refused)) answer = asked.ask("PING");
    } catch (IOException e) {
      return Optional.of(new Finding(words(e), unreachableToDo));
    }
    if (answer instanceof RespDialogue.Refused refused) {
      return Optional.of(new Finding(label + " at " + host + ":" + port + " said " + refused.said(),
          refusedPassword(refused) ? passwordToDo : unreachableToDo));
    }
    return Optional.empty();
  }

  /**
   * AUTH with {@code password} when there is one: Redis's refusal, or OK. A password sent to a Redis that asks for none
   * is let go, as Lettuce lets it go.
   */
  private static Object authenticated(RespDialogue asked, String password) throws IOException {
    if (password == null) return "OK";
    Object answer = asked.ask("AUTH", password);
    return answer instanceof RespDialogue.Refused r && r.said().contains("without any password configured") ? "OK" : answer;
  }

  private static boolean refusedPassword(RespDialogue.Refused refused) {
    return refused.said().startsWith("NOAUTH") || refused.said().startsWith("WRONGPASS");
  }

  /** What Lettuce said, when the parts could not be asked themselves or answered well. */
  private static Finding fromLettuce(RedisURI uri, RedisException failure) {
    Optional<String> refused = authRefusal(failure);
    String address = uri.getSentinels().isEmpty() ? "--redis-url" : "--redis-sentinel and --redis-master";
    return refused.map(r -> new Finding(r, "set the password Redis asks for in COWATCH_REDIS_PASSWORD"
            + (uri.getSentinels().isEmpty() ? "" : " (and the sentinels' own in COWATCH_REDIS_SENTINEL_PASSWORD)")))
        .orElseGet(() -> new Finding(rootMessage(failure), "start it or correct " + address));
  }

  private static String words(IOException e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + e.getMessage();
  }

  /** A password refused anywhere in what went wrong (a cause, or a suppressed exception of one). */
  static Optional<String> authRefusal(Throwable e) {
    ArrayDeque<Throwable> todo = new ArrayDeque<>(List.of(e));
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    while (!todo.isEmpty() && seen.size() < 100) {
      Throwable t = todo.pop();
      if (!seen.add(t)) continue;
      String m = t.getMessage();
      if (m != null && (m.startsWith("NOAUTH") || m.startsWith("WRONGPASS"))) {
        // Redis's own words, first line: they never hold the password sent.
        return Optional.of(m.lines().findFirst().orElse(m));
      }
      if (t.getCause() != null) todo.push(t.getCause());
      for (Throwable s : t.getSuppressed()) todo.push(s);
    }
    return Optional.empty();
  }

  static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null) t = t.getCause();
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }

  static String where(RedisURI uri) {
    if (uri.getSentinels().isEmpty()) return "Redis at " + uri.getHost() + ":" + uri.getPort();
    return "Redis '" + uri.getSentinelMasterId() + "' through the sentinels at " + uri.getSentinels().stream()
        .map(s -> s.getHost() + ":" + s.getPort()).collect(Collectors.joining(","));
  }
}
