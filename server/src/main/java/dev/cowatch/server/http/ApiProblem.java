package dev.cowatch.server.http;

/** Thrown by a handler to answer with a problem+json; CowatchServer's exception mapping sends it. */
public final class ApiProblem extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String type;
  private final String title;

  public ApiProblem(int status, String type, String title, String detail) {
    super(detail, null, false, false);
    this.status = status;
    this.type = type;
    this.title = title;
  }

  public int status() {
    return status;
  }

  public String type() {
    return type;
  }

  public String title() {
    return title;
  }

  static ApiProblem invalid(String field, String message) {
    return new ApiProblem(422, "invalid-field", "Invalid " + field, message);
  }
}
