package io.alertscoring.api.store;

/** Storage could not answer a query: the server is unreachable or rejected the statement. */
public class RepositoryException extends RuntimeException {
  public RepositoryException(String message, Throwable cause) {
    super(message, cause);
  }
}
