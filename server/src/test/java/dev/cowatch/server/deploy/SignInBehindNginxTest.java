package dev.cowatch.server.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cowatch.server.ReferenceNginx;
import dev.cowatch.server.ServerProcess;
import dev.cowatch.server.TestServer;
import dev.cowatch.server.account.SignInLimits;
import dev.cowatch.server.http.Api;
import dev.cowatch.server.platform.http.TrustedProxies;
import java.io.IOException;
import java.net.InetAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Finding 6 of issue 51, through the real nginx of the reference deployment: every request reached
 * Cowatch from nginx's own address, so one client's failed sign-ins (20 an hour) locked every user of the
 * site out. Now Cowatch trusts nginx as the reference env file says (COWATCH_TRUSTED_PROXIES) and reads
 * the client nginx saw from X-Forwarded-For: two clients on two real source addresses (127.0.0.2 and
 * 127.0.0.3, both loopback on Linux) are counted apart, and a header the client sends itself changes
 * nothing.
 */
class SignInBehindNginxTest {
  private static final Path ENV_FILE = Path.of("..", "deploy", "systemd", "cowatch.env");

  @TempDir
  Path dir;

  /** The trusted proxies the reference env file sets, as the service would read them. */
  static TrustedProxies referenceTrustedProxies() throws IOException {
    String line = Files.readAllLines(ENV_FILE).stream().filter(l -> l.startsWith("COWATCH_TRUSTED_PROXIES="))
        .findFirst().orElseThrow(() -> new AssertionError(ENV_FILE + " sets no COWATCH_TRUSTED_PROXIES"));
    return TrustedProxies.parse(line.substring(line.indexOf('=') + 1));
  }

  private static HttpClient clientFrom(String address) throws IOException {
    return HttpClient.newBuilder().localAddress(InetAddress.getByName(address)).connectTimeout(Duration.ofSeconds(5))
        .build();
  }

  private static int signIn(HttpClient client, java.net.URI base, String email, String password, String... headers)
      throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve("/api/auth/login")).timeout(Duration.ofSeconds(10))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}"));
    if (headers.length > 0) b.headers(headers);
    return client.send(b.build(), HttpResponse.BodyHandlers.ofString()).statusCode();
  }

  @Test
  void oneClientsFailedSignIns_doNotLockOutAnotherClient_throughTheReferenceNginx() throws Exception {
    Path data = dir.resolve("data");
    Files.createDirectories(data.resolve("media"));
    TrustedProxies proxies = referenceTrustedProxies();
    try (TestServer ts = new TestServer(data, c -> c.trustedProxies(proxies), Clock.systemUTC());
        ReferenceNginx nginx = ReferenceNginx.start(dir.resolve("nginx"),
            Path.of("..", "deploy", "single", "nginx.conf.template"), ServerProcess.freePort(),
            Map.of("USER", System.getProperty("user.name"), "COWATCH", "127.0.0.1:" + ts.baseUri().getPort(),
                "MEDIA_DIR", data.resolve("media").toRealPath().toString()));
        Api api = new Api(ts);
        HttpClient mallory = clientFrom("127.0.0.2");
        HttpClient bob = clientFrom("127.0.0.3")) {
      String bobsEmail = "bob-" + Long.toHexString(System.nanoTime()) + "@example.test";
      assertThat(api.call("POST", "/api/auth/register", "{\"email\":\"" + bobsEmail + "\",\"password\":\"correct horse"
          + " battery\",\"displayName\":\"Bob\"}", null).status()).isEqualTo(201);

      // Mallory guesses across many accounts (one try each, so no account's own limit is reached) until her
      // address is refused.
      int perAddress = SignInLimits.DEFAULTS.perAddress();
      for (int i = 0; i < perAddress; i++) {
        assertThat(signIn(mallory, nginx.base(), "someone" + i + "@example.test", "wrong password"))
            .as("failed sign-in " + i).isEqualTo(401);
      }
      assertThat(signIn(mallory, nginx.base(), "someone-else@example.test", "wrong password"))
          .as("Mallory's address is out of tries").isEqualTo(429);
      assertThat(signIn(mallory, nginx.base(), "another@example.test", "wrong password", "X-Forwarded-For",
          "127.0.0.9")).as("a header she writes herself buys no fresh address").isEqualTo(429);

      assertThat(signIn(bob, nginx.base(), bobsEmail, "correct horse battery"))
          .as("Bob, on another address behind the same nginx, signs in").isEqualTo(200);
    }
  }
}
