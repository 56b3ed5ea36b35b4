package dev.cowatch.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cowatch.server.TestServer;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * A room playing an uploaded video: its preview names the item by its title and carries a poster that
 * loads without signing in, and the room link's Open Graph tags point a messenger at it.
 */
class RoomPreviewPosterTest {

  @Test
  void an_uploaded_video_gives_the_preview_its_title_and_a_poster_anyone_with_the_link_can_load() throws Exception {
    try (TestServer server = new TestServer(); Api api = new Api(server); Tus tus = new Tus(server);
        HttpClient http = HttpClient.newHttpClient()) {
      Api.Who ann = api.guest("Ann");
      JsonNode item = UploadPipelineTest.uploaded(api, tus, ann, UploadPipelineTest.MEDIA.resolve("h264-aac.mp4"));
      assertThat(item.get("hasPoster").asBoolean()).isTrue();
      String room = api.call("POST", "/api/rooms", "{\"name\":\"Shorts\",\"mediaId\":\"media:" + item.get("id").asText()
          + "\"}", ann.token()).json().get("id").asText();

      JsonNode playing = api.call("GET", "/api/rooms/" + room + "/preview", null, null).json().at("/details/playing");
      String poster = playing.get("posterPath").asText();
      HttpResponse<byte[]> image = http.send(HttpRequest.newBuilder(server.baseUri().resolve(poster)).build(),
          HttpResponse.BodyHandlers.ofByteArray());
      String page = api.call("GET", "/r/" + room, null, null).body();

      assertThat(playing.get("title").asText()).isEqualTo(item.get("title").asText());
      assertThat(poster).startsWith("/api/media/" + item.get("id").asText() + "/poster?u=");
      assertThat(image.statusCode()).isEqualTo(200);
      assertThat(image.headers().firstValue("Content-Type")).hasValue("image/jpeg");
      assertThat(page).contains("<meta property=\"og:image\" content=\"" + server.server().publicUrl()
          + poster.replace("&", "&amp;") + "\">").contains("<meta name=\"twitter:card\" content=\"summary_large_image\">");
    }
  }
}
