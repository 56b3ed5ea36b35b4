package dev.cowatch.protocol;

/** Required-field checks for wire records; the message names the field for the error reply. */
final class Fields {
  private Fields() {}

  static void require(Object value, String field) {
    if (value == null) throw new MissingFieldException(field);
  }

  static final class MissingFieldException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    MissingFieldException(String field) {
      super("field '" + field + "' is required");
    }
  }
}
