package dev.cowatch.server.room;

/**
 * One message for every connection of a room, encoded once by the node that decided it.
 *
 * @param kind TIMELINE and PRESENCE are state: a connection that is behind keeps only the latest
 */
public record Broadcast(Kind kind, String json) {
  public enum Kind {
    TIMELINE,
    PRESENCE,
    EVENT
  }
}
