package org.hearth.relay.admin;

import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.time.Clock;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.hearth.nostr.event.Event;
import org.hearth.nostr.nip86.HearthMethod;
import org.hearth.nostr.nip86.RpcMethod;
import org.hearth.nostr.nip98.HttpAuthResult;
import org.hearth.nostr.nip98.HttpAuthVerifier;
import org.hearth.nostr.nip98.ReplayGuard;
import org.hearth.relay.access.Role;
import org.hearth.relay.config.RelaySettings;

/**
 * NIP-98 for the management API: a valid kind-27235 event whose {@code u} names this relay (the URL
 * requested, in its http, https, ws or wss form, or the relay's public URL), method POST, a {@code
 * payload} tag equal to the body's SHA-256, created within the window, never seen before; then a
 * role check (owner and admins; a few read-only methods for every member).
 */
@ApplicationScoped
public class AdminAuth {
  /** What the check decided. */
  public sealed interface Outcome {
    /** 401: no valid NIP-98 authorization. */
    record Unauthorized(String why) implements Outcome {}

    record Allowed(AdminCall call) implements Outcome {}
  }

  private final HttpAuthVerifier verifier;
  private final ReplayGuard replays;
  private final Members members;

  public AdminAuth(AdminConfig config, Members members) {
    this.verifier = new HttpAuthVerifier(config.authWindow(), Clock.systemUTC());
    this.replays = new ReplayGuard(config.authWindow(), Clock.systemUTC());
    this.members = members;
  }

  public Outcome check(
      RelaySettings relay, String authorization, URI requested, byte[] body, String ip) {
    if (body == null || body.length == 0) {
      return new Outcome.Unauthorized("empty body");
    }
    String url = matchingUrl(relay, authorization, requested);
    HttpAuthResult r = verifier.verify(authorization, url, "POST", body);
    if (r instanceof HttpAuthResult.Failed f) {
      return new Outcome.Unauthorized(f.message());
    }
    HttpAuthResult.Ok ok = (HttpAuthResult.Ok) r;
    // Keyed by signature (ReplayGuard): the same request signed again is not a replay.
    if (!replays.firstUse(ok)) {
      return new Outcome.Unauthorized("this authorization event was already used (replay)");
    }
    String actor = ok.pubkey().hex();
    long now = Clock.systemUTC().instant().getEpochSecond();
    Set<Role> roles = members.roles(relay.path(), actor, now);
    return new Outcome.Allowed(new AdminCall(relay, actor, ip, roles, now));
  }

  /** Whether {@code call} may use {@code method}: owner and admins all; members a few. */
  public Optional<String> refusal(AdminCall call, RpcMethod method) {
    if (call.administers()) {
      return Optional.empty();
    }
    if (method instanceof HearthMethod h && h.forMembers() && !call.roles().isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        "restricted: only the owner and admins of /" + call.path() + " may use its management API");
  }

  /**
   * The {@code u} tag when it names this relay (any of http/https/ws/wss, or the public URL), else
   * the requested URL (so the verifier reports the mismatch).
   */
  private static String matchingUrl(RelaySettings relay, String authorization, URI requested) {
    Set<String> accepted = new HashSet<>();
    accepted.add(schemeless(requested.toString()));
    relay.publicUrl().ifPresent(u -> accepted.add(schemeless(u.toString())));
    try {
      Event e = HttpAuthVerifier.decodeHeader(authorization == null ? "" : authorization);
      Optional<String> u = e.firstTagValue("u");
      if (u.isPresent() && accepted.contains(schemeless(u.get()))) {
        return u.get();
      }
    } catch (RuntimeException ignored) {
      // the verifier reports a malformed header itself
    }
    return requested.toString();
  }

  private static String schemeless(String url) {
    String s = url.strip();
    for (String scheme : new String[] {"https://", "http://", "wss://", "ws://"}) {
      if (s.toLowerCase(Locale.ROOT).startsWith(scheme)) {
        s = s.substring(scheme.length());
        break;
      }
    }
    return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }
}
