package dev.cowatch.core.room;

/** A member's identity within one room; issued by the server, kept across reconnects. */
public record MemberId(String value) {
  public MemberId {
    if (value == null || value.isBlank()) throw new IllegalArgumentException("empty member id");
  }

  @Override
  public String toString() {
    return value;
  }
}
