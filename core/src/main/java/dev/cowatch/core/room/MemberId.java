package dev.cowatch.core.room;

/** A member's identity within one room; issued by the server, kept across reconnects. */
public record MemberId(String value) {
  public MemberId {
    if (value == null || value.isBlank()) throw new IllegalArgumentException("empty member id");
  }

  // Written out: compared for every health report against every member of the room, where the
  // generated record equality (through method handles) showed in profiles.
  @Override
  public boolean equals(Object o) {
    return o == this || o instanceof MemberId other && value.equals(other.value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  @Override
  public String toString() {
    return value;
  }
}
