package org.hearth.finetune.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.hearth.finetune.config.Admins;
import org.hearth.finetune.export.PeftAdapter;
import org.hearth.finetune.job.Job;
import org.hearth.finetune.job.JobRequest;
import org.hearth.finetune.job.JobRequestException;
import org.hearth.finetune.job.JobService;
import org.jboss.resteasy.reactive.RestStreamElementType;

/**
 * The admin API of fine-tune jobs (docs/finetune-protocol.md). Every call carries NIP-98 auth by an
 * admin of the job's relay; every error is problem details.
 */
@Path("/api/finetune/jobs")
@Blocking
public class JobResource {
  private static final Set<String> FIELDS =
      Set.of("relay", "baseModel", "steps", "learningRate", "rank");
  private static final int MAX_BODY = 16 * 1024;

  private final JobService jobs;
  private final HttpAuth auth;
  private final Admins admins;
  private final JobEventStream streams;
  private final ObjectMapper json;

  public JobResource(
      JobService jobs, HttpAuth auth, Admins admins, JobEventStream streams, ObjectMapper json) {
    this.jobs = jobs;
    this.auth = auth;
    this.admins = admins;
    this.streams = streams;
    this.json = json;
  }

  @POST
  @Consumes(MediaType.WILDCARD)
  @Produces(MediaType.APPLICATION_JSON)
  public Response create(
      byte[] body,
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @Context UriInfo uri) {
    String caller = auth.caller(authorization, uri, "POST", body);
    JsonNode n = parse(body);
    String relay =
        text(n, "relay").orElseThrow(() -> ProblemException.badRequest("relay is required"));
    if (!admins.isAdmin(relay, caller)) {
      throw ProblemException.forbidden("you are not an owner or admin of relay '" + relay + "'");
    }
    JobRequest request =
        new JobRequest(
            relay,
            text(n, "baseModel"),
            integer(n, "steps"),
            number(n, "learningRate"),
            integer(n, "rank"),
            caller,
            caller,
            Optional.empty());
    try {
      Job job = jobs.submit(request).job();
      return Response.accepted(JobView.of(job))
          .location(URI.create(JobView.BASE + job.id()))
          .build();
    } catch (JobRequestException e) {
      throw ProblemException.badRequest(e.getMessage());
    }
  }

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public List<JobView> list(
      @QueryParam("relay") String relay,
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @Context UriInfo uri) {
    String caller = auth.caller(authorization, uri, "GET", null);
    if (relay != null && !admins.isAdmin(relay, caller)) {
      throw ProblemException.forbidden("you are not an owner or admin of relay '" + relay + "'");
    }
    if (relay == null && !admins.isAdminAnywhere(caller)) {
      throw ProblemException.forbidden("you are not an owner or admin of any relay");
    }
    return jobs.list(Optional.ofNullable(relay)).stream()
        .filter(j -> admins.isAdmin(j.relay(), caller))
        .map(JobView::of)
        .toList();
  }

  @GET
  @Path("{id}")
  @Produces(MediaType.APPLICATION_JSON)
  public JobView get(
      @PathParam("id") String id,
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @Context UriInfo uri) {
    return JobView.of(authorised(id, authorization, uri, "GET"));
  }

  @DELETE
  @Path("{id}")
  @Produces(MediaType.APPLICATION_JSON)
  public Response cancel(
      @PathParam("id") String id,
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @Context UriInfo uri) {
    Job job = authorised(id, authorization, uri, "DELETE");
    JobService.CancelOutcome outcome = jobs.cancel(job.id());
    Job now = jobs.find(job.id()).orElse(job);
    return switch (outcome) {
      case CANCELLED -> Response.ok(JobView.of(now)).build();
      case REQUESTED -> Response.accepted(JobView.of(now)).build();
      case ALREADY_ENDED ->
          throw ProblemException.conflict(
              "job " + job.id() + " has already ended (" + now.state() + ")");
    };
  }

  @GET
  @Path("{id}/events")
  @Produces(MediaType.SERVER_SENT_EVENTS)
  @RestStreamElementType(MediaType.APPLICATION_JSON)
  public Multi<OutboundSseEvent> events(
      @PathParam("id") String id,
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @Context UriInfo uri,
      @Context Sse sse) {
    Job job = authorised(id, authorization, uri, "GET");
    return streams.stream(job.id(), sse);
  }

  @GET
  @Path("{id}/loss.svg")
  @Produces("image/svg+xml")
  public Response lossSvg(
      @PathParam("id") String id,
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @Context UriInfo uri) {
    Job job = authorised(id, authorization, uri, "GET");
    return file(job.lossSvgPath(), "image/svg+xml", "loss curve");
  }

  @GET
  @Path("{id}/loss.png")
  @Produces("image/png")
  public Response lossPng(
      @PathParam("id") String id,
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @Context UriInfo uri) {
    Job job = authorised(id, authorization, uri, "GET");
    return file(job.lossPngPath(), "image/png", "loss curve");
  }

  @GET
  @Path("{id}/report")
  @Produces("text/markdown")
  public Response report(
      @PathParam("id") String id,
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @Context UriInfo uri) {
    Job job = authorised(id, authorization, uri, "GET");
    return file(job.reportPath(), "text/markdown; charset=utf-8", "report");
  }

  @GET
  @Path("{id}/manifest")
  @Produces(MediaType.APPLICATION_JSON)
  public Response manifest(
      @PathParam("id") String id,
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @Context UriInfo uri) {
    Job job = authorised(id, authorization, uri, "GET");
    return file(job.manifestPath(), MediaType.APPLICATION_JSON, "manifest");
  }

  @GET
  @Path("{id}/adapter")
  @Produces(MediaType.APPLICATION_JSON)
  public Map<String, String> adapter(
      @PathParam("id") String id,
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @Context UriInfo uri) {
    Job job = authorised(id, authorization, uri, "GET");
    if (job.adapterPath().isEmpty()
        || !Files.isDirectory(java.nio.file.Path.of(job.adapterPath().get()))) {
      throw ProblemException.notFound("job " + job.id() + " has no adapter yet");
    }
    String base = JobView.BASE + job.id() + "/adapter/";
    return Map.of(
        PeftAdapter.CONFIG,
        base + PeftAdapter.CONFIG,
        PeftAdapter.WEIGHTS,
        base + PeftAdapter.WEIGHTS);
  }

  @GET
  @Path("{id}/adapter/{file}")
  @Produces(MediaType.APPLICATION_OCTET_STREAM)
  public Response adapterFile(
      @PathParam("id") String id,
      @PathParam("file") String file,
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @Context UriInfo uri) {
    Job job = authorised(id, authorization, uri, "GET");
    if (!file.equals(PeftAdapter.CONFIG) && !file.equals(PeftAdapter.WEIGHTS)) {
      throw ProblemException.notFound(
          "an adapter has " + PeftAdapter.CONFIG + " and " + PeftAdapter.WEIGHTS);
    }
    String type =
        file.endsWith(".json") ? MediaType.APPLICATION_JSON : MediaType.APPLICATION_OCTET_STREAM;
    return file(
        job.adapterPath().map(p -> java.nio.file.Path.of(p).resolve(file).toString()), type, file);
  }

  private Job authorised(String id, String authorization, UriInfo uri, String method) {
    String caller = auth.caller(authorization, uri, method, null);
    UUID uuid;
    try {
      uuid = UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      throw ProblemException.notFound("no job " + id);
    }
    Job job = jobs.find(uuid).orElseThrow(() -> ProblemException.notFound("no job " + id));
    if (!admins.isAdmin(job.relay(), caller)) {
      throw ProblemException.forbidden(
          "you are not an owner or admin of relay '" + job.relay() + "'");
    }
    return job;
  }

  private static Response file(Optional<String> path, String type, String what) {
    java.nio.file.Path p = path.map(java.nio.file.Path::of).orElse(null);
    if (p == null || !Files.isRegularFile(p)) {
      throw ProblemException.notFound("the " + what + " does not exist (yet)");
    }
    try {
      return Response.ok(Files.readAllBytes(p)).type(type).build();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private JsonNode parse(byte[] body) {
    if (body == null || body.length == 0) {
      throw ProblemException.badRequest("a JSON body is required");
    }
    if (body.length > MAX_BODY) {
      throw ProblemException.badRequest("the body is larger than " + MAX_BODY + " bytes");
    }
    JsonNode n;
    try {
      n = json.readTree(body);
    } catch (JsonProcessingException e) {
      throw ProblemException.badRequest("the body is not valid JSON");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (n == null || !n.isObject()) {
      throw ProblemException.badRequest("the body must be a JSON object");
    }
    for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!FIELDS.contains(f)) {
        throw ProblemException.badRequest("unknown field '" + f + "'; allowed: " + FIELDS);
      }
    }
    return n;
  }

  private static Optional<String> text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) {
      return Optional.empty();
    }
    if (!v.isTextual() || v.asText().isBlank()) {
      throw ProblemException.badRequest(field + " must be a non-empty string");
    }
    return Optional.of(v.asText());
  }

  private static Optional<Integer> integer(JsonNode n, String field) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) {
      return Optional.empty();
    }
    if (!v.isIntegralNumber() || !v.canConvertToInt()) {
      throw ProblemException.badRequest(field + " must be an integer");
    }
    return Optional.of(v.asInt());
  }

  private static Optional<Double> number(JsonNode n, String field) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) {
      return Optional.empty();
    }
    if (!v.isNumber()) {
      throw ProblemException.badRequest(field + " must be a number");
    }
    return Optional.of(v.asDouble());
  }
}
