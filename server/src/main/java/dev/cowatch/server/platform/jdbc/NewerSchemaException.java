package dev.cowatch.server.platform.jdbc;

/**
 * A database written by a newer Cowatch than this one: refused at start, before anything was written. Its
 * message is the whole story for the operator (where, both versions, what to do), so it is printed without
 * a stack trace.
 */
public final class NewerSchemaException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  public NewerSchemaException(String message) {
    super(message);
  }
}
