package dev.cowatch.client.peer;

import java.util.List;

/** A STUN or TURN server as {@code GET /api/rtc/ice-servers} lists it (docs/api.md). */
public record IceServer(List<String> urls, String username, String credential) {
  public IceServer {
    urls = List.copyOf(urls);
  }
}
