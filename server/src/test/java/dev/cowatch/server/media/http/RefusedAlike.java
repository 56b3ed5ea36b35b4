package dev.cowatch.server.media.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A stream refused through nginx is refused as Cowatch refuses it alone: nginx never answers in its own words. */
final class RefusedAlike {
  private RefusedAlike() {}

  /** Through nginx, the same status, content type and body as from Cowatch directly, and none of the file. */
  static void assertRefusedAlike(HttpClient http, URI cowatch, URI nginx, String url, int status) throws Exception {
    HttpResponse<byte[]> direct = rangeOf(http, cowatch, url);
    HttpResponse<byte[]> proxied = rangeOf(http, nginx, url);
    assertThat(direct.statusCode()).as(url).isEqualTo(status);
    assertThat(proxied.statusCode()).as(url).isEqualTo(status);
    assertThat(proxied.headers().firstValue("Content-Type")).isEqualTo(direct.headers().firstValue("Content-Type"));
    assertThat(new String(proxied.body())).isEqualTo(new String(direct.body()));
    assertThat(proxied.headers().firstValue("Content-Range")).isEmpty();
  }

  private static HttpResponse<byte[]> rangeOf(HttpClient http, URI base, String url) throws Exception {
    return http.send(HttpRequest.newBuilder(base.resolve(url)).timeout(Duration.ofSeconds(10))
        .header("Range", "bytes=0-99").build(), HttpResponse.BodyHandlers.ofByteArray());
  }
}
