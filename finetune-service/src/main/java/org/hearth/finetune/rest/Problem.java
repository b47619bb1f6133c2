package org.hearth.finetune.rest;

/**
 * An RFC 7807 problem details document ({@code application/problem+json}).
 *
 * @param type a URI naming the kind of problem ({@code about:blank} for plain HTTP statuses)
 * @param title short summary of the kind of problem
 * @param status the HTTP status
 * @param detail what went wrong this time
 * @param instance the request path
 */
public record Problem(String type, String title, int status, String detail, String instance) {
  public static final String MEDIA_TYPE = "application/problem+json";
}
