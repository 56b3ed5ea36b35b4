package dev.cowatch.protocol;

/** Field checks for wire records; the exception message names the field for the error reply. */
final class Fields {
  private Fields() {}

  static void require(Object value, String field) {
    if (value == null) throw new FieldException("field '" + field + "' is required");
  }

  /** Jackson reads the strings "NaN" and "Infinity" as doubles before any coercion rule applies. */
  static void requireFinite(Double value, String field) {
    require(value, field);
    if (!Double.isFinite(value)) throw new FieldException("field '" + field + "' must be a finite number");
  }

  static final class FieldException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    FieldException(String message) {
      super(message);
    }
  }
}
