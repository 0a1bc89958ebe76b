package io.alertscoring.validation.io;

/** The evidence could not be read (unreachable server, missing table, malformed file line). */
public class ValidationException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ValidationException(String message) {
    super(message);
  }

  public ValidationException(String message, Throwable cause) {
    super(message, cause);
  }
}
