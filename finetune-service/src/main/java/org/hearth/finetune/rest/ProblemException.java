package org.hearth.finetune.rest;

/** Ends a request with a problem details response. */
public final class ProblemException extends RuntimeException {
  private final int status;
  private final String title;
  private final String type;

  public ProblemException(int status, String type, String title, String detail) {
    super(detail, null, false, false);
    this.status = status;
    this.type = type;
    this.title = title;
  }

  public static ProblemException badRequest(String detail) {
    return new ProblemException(400, "urn:hearth:finetune:bad-request", "Bad request", detail);
  }

  public static ProblemException unauthorized(String detail) {
    return new ProblemException(
        401, "urn:hearth:finetune:unauthorized", "NIP-98 authorization required", detail);
  }

  public static ProblemException forbidden(String detail) {
    return new ProblemException(403, "urn:hearth:finetune:forbidden", "Not an admin", detail);
  }

  public static ProblemException notFound(String detail) {
    return new ProblemException(404, "urn:hearth:finetune:not-found", "Not found", detail);
  }

  public static ProblemException conflict(String detail) {
    return new ProblemException(409, "urn:hearth:finetune:conflict", "Conflict", detail);
  }

  public int status() {
    return status;
  }

  public String title() {
    return title;
  }

  public String type() {
    return type;
  }
}
