package dev.cowatch.bridge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cowatch.protocol.FileMediaId;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;

/**
 * What a room plays, asked before the player starts ({@code GET /api/rooms/{id}}): a viewer without a
 * file of their own watches the room's URL.
 */
final class RoomMedia {
  private RoomMedia() {}

  /** The URL the player opens for a viewer without a file, or a clear refusal. */
  static String playableUrl(RoomLink link, String accessToken) throws IOException {
    String mediaId = mediaIdOf(link, accessToken);
    return playable(mediaId);
  }

  /** Pure: which media ids a player can open by themselves. */
  static String playable(String mediaId) throws IOException {
    if (mediaId == null || mediaId.isBlank()) {
      throw new IOException("the room has no video yet: give the file to play (its identity becomes the room's video)");
    }
    var file = FileMediaId.parse(mediaId);
    if (file.isPresent()) {
      throw new IOException(String.format(Locale.ROOT,
          "the room plays each viewer's own copy of a file (%,d bytes): give yours", file.get().sizeBytes()));
    }
    if (mediaId.startsWith("http://") || mediaId.startsWith("https://")) return mediaId;
    throw new IOException("the room plays an uploaded video, which the bridge cannot open yet: give your copy of the file");
  }

  private static String mediaIdOf(RoomLink link, String accessToken) throws IOException {
    HttpRequest.Builder req = HttpRequest.newBuilder(link.server().resolve("/api/rooms/" + link.roomId()))
        .timeout(Duration.ofSeconds(10)).GET();
    if (accessToken != null) req.header("Authorization", "Bearer " + accessToken);
    try {
      HttpResponse<String> res = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()
          .send(req.build(), HttpResponse.BodyHandlers.ofString());
      if (res.statusCode() == 404) throw new IOException("no room " + link);
      if (res.statusCode() != 200) throw new IOException("the server answered HTTP " + res.statusCode() + " for " + link);
      JsonNode media = new ObjectMapper().readTree(res.body()).path("timeline").path("mediaId");
      return media.isTextual() ? media.asText() : null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    } catch (IllegalArgumentException e) {
      throw new IOException("bad server address in " + link, e);
    }
  }
}
