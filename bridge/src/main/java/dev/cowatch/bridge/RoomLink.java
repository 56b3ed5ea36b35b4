package dev.cowatch.bridge;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A room's link as people share it, {@code https://cowatch.example/r/k3m8q2x7pa}: the server and
 * the room. Anything else is refused with a message saying what a link looks like.
 */
public record RoomLink(URI server, String roomId) {
  private static final Pattern PATH = Pattern.compile("/r/([A-Za-z0-9_-]{1,64})/?");

  public static RoomLink parse(String text) {
    if (text == null || text.isBlank()) throw new IllegalArgumentException("no room link given");
    URI uri;
    try {
      uri = new URI(text.strip());
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("not a room link: " + text + " (expected https://host/r/<room>)");
    }
    String scheme = uri.getScheme();
    if (scheme == null || !(scheme.equals("http") || scheme.equals("https")) || uri.getRawAuthority() == null) {
      throw new IllegalArgumentException("not a room link: " + text + " (expected https://host/r/<room>)");
    }
    Matcher m = PATH.matcher(uri.getRawPath() == null ? "" : uri.getRawPath());
    if (!m.matches()) throw new IllegalArgumentException("not a room link: " + text + " (expected https://host/r/<room>)");
    return new RoomLink(URI.create(scheme + "://" + uri.getRawAuthority()), m.group(1));
  }

  /** The link again, as shared (and as the Discord join secret). */
  public String link() {
    return server + "/r/" + roomId;
  }

  @Override
  public String toString() {
    return link();
  }
}
