package org.hearth.finetune.rest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.time.Clock;
import org.hearth.finetune.config.FinetuneConfig;
import org.hearth.nostr.nip98.HttpAuthResult;
import org.hearth.nostr.nip98.HttpAuthVerifier;
import org.hearth.nostr.nip98.ReplayGuard;

/** NIP-98 on every call: a valid, fresh, unreplayed auth event for this URL and method. */
@ApplicationScoped
public class HttpAuth {
  private final HttpAuthVerifier verifier;
  private final ReplayGuard replays;
  private final FinetuneConfig config;

  public HttpAuth(FinetuneConfig config) {
    this.config = config;
    this.verifier = new HttpAuthVerifier(config.authWindow(), Clock.systemUTC());
    this.replays = new ReplayGuard(config.authWindow(), Clock.systemUTC());
  }

  /**
   * The caller's hex pubkey.
   *
   * @throws ProblemException 401 when the header is missing, invalid or replayed
   */
  public String caller(String authorization, UriInfo uri, String method, byte[] body) {
    HttpAuthResult r = verifier.verify(authorization, url(uri), method, body);
    return switch (r) {
      case HttpAuthResult.Failed f -> throw ProblemException.unauthorized(f.message());
      case HttpAuthResult.Ok ok -> {
        if (!replays.firstUse(ok)) {
          throw ProblemException.unauthorized("this authorization event was used already");
        }
        yield ok.pubkey().hex();
      }
    };
  }

  private String url(UriInfo uri) {
    URI received = uri.getRequestUri();
    if (config.publicUrl().isEmpty()) {
      return received.toString();
    }
    String base = config.publicUrl().get().toString().replaceAll("/+$", "");
    String raw =
        received.getRawPath()
            + (received.getRawQuery() == null ? "" : "?" + received.getRawQuery());
    return base + raw;
  }
}
