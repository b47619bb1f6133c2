package org.hearth.cli.finetune;

import java.util.Optional;

/**
 * A call to the finetune service failed. {@code status} is the HTTP status (0: no answer); {@code
 * title} and {@code detail} come from the service's RFC 7807 problem details when it sent them.
 */
public final class FinetuneCallException extends RuntimeException {
  private final int status;
  private final String title;
  private final Optional<String> detail;

  public FinetuneCallException(int status, String title, Optional<String> detail) {
    super(message(status, title, detail));
    this.status = status;
    this.title = title;
    this.detail = detail;
  }

  static FinetuneCallException unreachable(String message) {
    return new FinetuneCallException(0, message, Optional.empty());
  }

  static FinetuneCallException badResponse(String message) {
    return new FinetuneCallException(0, message, Optional.empty());
  }

  public int status() {
    return status;
  }

  public String title() {
    return title;
  }

  public Optional<String> detail() {
    return detail;
  }

  /** True for a refusal by the service (4xx), false when it could not be reached or failed. */
  public boolean refused() {
    return status >= 400 && status < 500;
  }

  private static String message(int status, String title, Optional<String> detail) {
    String s = status > 0 ? title + " (HTTP " + status + ")" : title;
    return detail.map(d -> s + ": " + d).orElse(s);
  }
}
