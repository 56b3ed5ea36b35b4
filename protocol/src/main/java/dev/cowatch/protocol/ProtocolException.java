package dev.cowatch.protocol;

/** A message that cannot be understood; {@code code} is one of {@link WireError}'s codes. */
public final class ProtocolException extends Exception {
  private static final long serialVersionUID = 1L;
  private final WireError error;

  public ProtocolException(WireError error, String message) {
    super(message);
    this.error = error;
  }

  public WireError error() {
    return error;
  }
}
