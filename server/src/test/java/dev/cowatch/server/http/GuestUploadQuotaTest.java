package dev.cowatch.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cowatch.server.TestServer;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Guests cost nothing to make, so what a guest may upload is small and set apart from an account's quota: with an
 * account's quota per guest, anyone could fill the server's disk one free guest at a time.
 */
class GuestUploadQuotaTest {

  @Test
  void byDefault_aGuestMayHold1GiB_andAnAccount20GiB() {
    try (TestServer ts = new TestServer(); Api api = new Api(ts); Tus tus = new Tus(ts)) {
      Api.Who gus = api.guest("Gus");
      Api.Who ann = api.account("Ann");

      assertThat(api.call("GET", "/api/media/limits", null, gus.token()).json().get("quotaBytes").asLong())
          .isEqualTo(1L << 30);
      assertThat(api.call("GET", "/api/media/limits", null, ann.token()).json().get("quotaBytes").asLong())
          .isEqualTo(20L << 30);
      assertThat(tus.create(gus.token(), (1L << 30) + 1, Map.of("filename", "big.mp4")).status()).isEqualTo(413);
    }
  }

  @Test
  void aGuest_holdsItsOwnSmallQuota_andAnAccountTheFullOne() {
    try (TestServer ts = new TestServer(TestServer.tempDir(),
        c -> c.media(m -> m.withQuotaBytes(100_000).withGuestQuotaBytes(10_000)), Clock.systemUTC());
        Api api = new Api(ts); Tus tus = new Tus(ts)) {
      Api.Who gus = api.guest("Gus");
      Api.Who ann = api.account("Ann");

      assertThat(api.call("GET", "/api/media/limits", null, gus.token()).json().get("quotaBytes").asLong())
          .isEqualTo(10_000);
      assertThat(api.call("GET", "/api/media/limits", null, ann.token()).json().get("quotaBytes").asLong())
          .isEqualTo(100_000);
      Tus.Reply over = tus.create(gus.token(), 10_001, Map.of("filename", "big.mp4"));
      assertThat(over.status()).isEqualTo(413);
      assertThat(over.problemType()).isEqualTo("quota-exceeded");
      assertThat(over.response().body()).contains("of your 10000 bytes").contains("sign up");
      assertThat(tus.create(gus.token(), 10_000, Map.of()).status()).isEqualTo(201);
      assertThat(tus.create(ann.token(), 50_000, Map.of()).status()).as("an account is not held to it").isEqualTo(201);
    }
  }

  @Test
  void guestQuotaZero_refusesGuestsWith403_andSaysWhy_whileAccountsUpload() {
    try (TestServer ts = new TestServer(TestServer.tempDir(), c -> c.media(m -> m.withGuestQuotaBytes(0)),
        Clock.systemUTC()); Api api = new Api(ts); Tus tus = new Tus(ts)) {
      Api.Who gus = api.guest("Gus");
      Api.Who ann = api.account("Ann");

      assertThat(api.call("GET", "/api/media/limits", null, gus.token()).json().get("quotaBytes").asLong())
          .as("what the web app reads to say so before a file is picked").isZero();
      Tus.Reply refused = tus.create(gus.token(), 1_000, Map.of("filename", "a.mp4"));
      assertThat(refused.status()).isEqualTo(403);
      assertThat(refused.problemType()).isEqualTo("guest-uploads-off");
      assertThat(refused.response().body()).contains("only from accounts");
      assertThat(api.call("GET", "/api/media", null, gus.token()).json().get("items")).as("nothing was made").isEmpty();
      assertThat(tus.create(ann.token(), 1_000, Map.of()).status()).isEqualTo(201);
    }
  }

  /** An operator who lowers the quota of everyone lowers the guests' with it. */
  @Test
  void aGuestQuota_neverExceedsTheAccountsOne() {
    try (TestServer ts = new TestServer(TestServer.tempDir(),
        c -> c.media(m -> m.withQuotaBytes(5_000).withGuestQuotaBytes(50_000)), Clock.systemUTC());
        Api api = new Api(ts); Tus tus = new Tus(ts)) {
      Api.Who gus = api.guest("Gus");
      assertThat(api.call("GET", "/api/media/limits", null, gus.token()).json().get("quotaBytes").asLong())
          .isEqualTo(5_000);
      assertThat(tus.create(gus.token(), 5_001, Map.of()).status()).isEqualTo(413);
    }
  }
}
