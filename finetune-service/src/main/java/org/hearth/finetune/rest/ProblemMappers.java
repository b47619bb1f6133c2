package org.hearth.finetune.rest;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Every error of the HTTP API as RFC 7807 problem details; internals never leak. */
public class ProblemMappers {
  private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

  @ServerExceptionMapper
  public Response problem(ProblemException e, UriInfo uri) {
    Response.ResponseBuilder r =
        Response.status(e.status())
            .type(Problem.MEDIA_TYPE)
            .entity(new Problem(e.type(), e.title(), e.status(), e.getMessage(), path(uri)));
    if (e.status() == 401) {
      r.header(HttpHeaders.WWW_AUTHENTICATE, "Nostr");
    }
    return r.build();
  }

  @ServerExceptionMapper
  public Response web(WebApplicationException e, UriInfo uri) {
    int status = e.getResponse().getStatus();
    Response.Status s = Response.Status.fromStatusCode(status);
    String title = s == null ? "HTTP " + status : s.getReasonPhrase();
    return Response.status(status)
        .type(Problem.MEDIA_TYPE)
        .entity(new Problem("about:blank", title, status, title, path(uri)))
        .build();
  }

  @ServerExceptionMapper
  public Response unexpected(RuntimeException e, UriInfo uri) {
    LOG.errorf(e, "request %s failed", path(uri));
    return Response.status(500)
        .type(Problem.MEDIA_TYPE)
        .entity(
            new Problem(
                "about:blank",
                "Internal Server Error",
                500,
                "the request failed inside the service; see its log",
                path(uri)))
        .build();
  }

  private static String path(UriInfo uri) {
    return uri == null ? null : uri.getPath();
  }
}
