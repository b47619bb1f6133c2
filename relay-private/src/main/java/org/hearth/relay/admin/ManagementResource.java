package org.hearth.relay.admin;

import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Optional;
import org.hearth.nostr.nip86.Nip86;
import org.hearth.nostr.nip86.Nip86Exception;
import org.hearth.nostr.nip86.Nip86Json;
import org.hearth.nostr.nip86.Nip86Params;
import org.hearth.nostr.nip86.Nip86Request;
import org.hearth.nostr.nip86.Nip86Response;
import org.hearth.nostr.nip86.RpcMethod;
import org.hearth.relay.audit.AuditEntry;
import org.hearth.relay.audit.AuditLog;
import org.hearth.relay.config.RelaySettings;
import org.hearth.relay.config.Relays;
import org.jboss.logging.Logger;

/**
 * NIP-86 at each relay's URL: {@code POST /<relay>} with {@code application/nostr+json+rpc}. 401
 * without a valid NIP-98 authorization, 403 for keys that may not manage the relay, 400 for a body
 * that is not a NIP-86 request, else 200 with {@code result} or {@code error}. Every authorized
 * call, and every refused one from a valid key, is written to the audit log with the caller's IP.
 */
@Path("/{relay}")
public class ManagementResource {
  private static final Logger LOG = Logger.getLogger(ManagementResource.class);
  private static final int MAX_AUDIT_PARAMS = 2000;

  private final Relays relays;
  private final AdminAuth auth;
  private final AdminDispatcher dispatcher;
  private final AuditLog audit;

  public ManagementResource(
      Relays relays, AdminAuth auth, AdminDispatcher dispatcher, AuditLog audit) {
    this.relays = relays;
    this.auth = auth;
    this.dispatcher = dispatcher;
    this.audit = audit;
  }

  @POST
  @Consumes(Nip86.CONTENT_TYPE)
  @Produces(Nip86.CONTENT_TYPE)
  public Uni<Response> call(
      @PathParam("relay") String path, byte[] body, @Context HttpServerRequest request) {
    Optional<RelaySettings> relay = relays.find(path);
    if (relay.isEmpty()) {
      return reply(404, Nip86Response.error("no relay at /" + path));
    }
    if (body != null && body.length > Nip86.MAX_BODY_BYTES) {
      return reply(413, Nip86Response.error("request larger than " + Nip86.MAX_BODY_BYTES));
    }
    String ip = request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
    AdminAuth.Outcome outcome =
        auth.check(
            relay.get(),
            request.getHeader("Authorization"),
            URI.create(request.absoluteURI()),
            body,
            ip);
    return switch (outcome) {
      case AdminAuth.Outcome.Unauthorized u ->
          reply(401, Nip86Response.error("unauthorized: " + u.why()));
      case AdminAuth.Outcome.Allowed a -> authorized(a.call(), body);
    };
  }

  private Uni<Response> authorized(AdminCall call, byte[] body) {
    Nip86Request req;
    try {
      req = Nip86Json.decodeRequest(body);
    } catch (Nip86Exception e) {
      return reply(400, Nip86Response.error("invalid: " + e.getMessage()));
    }
    Optional<RpcMethod> method = RpcMethod.fromWire(req.method());
    if (method.isEmpty()) {
      return record(call, req, "error: unknown method", false)
          .replaceWith(
              response(
                  200, Nip86Response.error("invalid: unknown method \"" + req.method() + "\"")));
    }
    Optional<String> refusal = auth.refusal(call, method.get());
    if (refusal.isPresent()) {
      return record(call, req, "refused: not an admin", false)
          .replaceWith(response(403, Nip86Response.error(refusal.get())));
    }
    Uni<AdminResult> result;
    try {
      Nip86Params params = req.params(method.get());
      result = dispatcher.dispatch(call, method.get(), params);
    } catch (Nip86Exception | AdminRefusal e) {
      result = Uni.createFrom().failure(e);
    }
    return result
        .onItem()
        .transformToUni(
            r ->
                record(call, req, "ok", r.change())
                    .replaceWith(response(200, Nip86Response.ok(r.result()))))
        .onFailure()
        .recoverWithUni(
            err -> {
              String message = errorMessage(err);
              return record(call, req, "error: " + message, false)
                  .replaceWith(response(200, Nip86Response.error(message)));
            });
  }

  private static String errorMessage(Throwable err) {
    return switch (err) {
      case AdminRefusal r -> r.getMessage();
      case Nip86Exception n -> "invalid: " + n.getMessage();
      default -> {
        LOG.warnf("management call failed: %s", err.toString());
        yield "error: the relay could not complete this call";
      }
    };
  }

  private Uni<Void> record(AdminCall call, Nip86Request req, String outcome, boolean change) {
    String params = Nip86Json.value(req.params()).toString();
    if (params.length() > MAX_AUDIT_PARAMS) {
      params = params.substring(0, MAX_AUDIT_PARAMS) + "…";
    }
    return audit
        .record(
            new AuditEntry(
                0,
                call.path(),
                call.now(),
                call.actor(),
                call.ip(),
                req.method(),
                params,
                outcome,
                change))
        .onFailure()
        .recoverWithUni(
            e -> {
              LOG.warnf("audit write failed: %s", e.toString());
              return Uni.createFrom().voidItem();
            });
  }

  private static Uni<Response> reply(int status, Nip86Response body) {
    return Uni.createFrom().item(response(status, body));
  }

  private static Response response(int status, Nip86Response body) {
    return Response.status(status).entity(body.toJson()).type(Nip86.CONTENT_TYPE).build();
  }
}
