package org.hearth.nostr.nip98;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.hearth.nostr.Hex;
import org.hearth.nostr.crypto.Signer;
import org.hearth.nostr.event.Event;
import org.hearth.nostr.event.EventTemplate;

/**
 * NIP-98 HTTP authentication, client side: a kind-27235 event naming the absolute URL ({@code u}),
 * the method and, when the request has a body, its SHA-256 ({@code payload}), sent as {@code
 * Authorization: Nostr <base64(event JSON)>}.
 */
public final class Nip98 {
  public static final int HTTP_AUTH_KIND = 27235;
  public static final String SCHEME = "Nostr";

  private Nip98() {}

  /**
   * The unsigned auth event, stamped now.
   *
   * @param body the request body, or null/empty for none (then no {@code payload} tag)
   */
  public static EventTemplate template(String url, String method, byte[] body) {
    List<List<String>> tags = new ArrayList<>();
    tags.add(List.of("u", url));
    tags.add(List.of("method", method));
    if (body != null && body.length > 0) {
      tags.add(List.of("payload", sha256Hex(body)));
    }
    return EventTemplate.of(HTTP_AUTH_KIND, tags, "");
  }

  /** The full header value: {@code Nostr <base64 of the signed event's JSON>}. */
  public static String authorizationHeader(Signer signer, String url, String method, byte[] body) {
    return header(signer.sign(template(url, method, body)));
  }

  /** The header value for an already signed event. */
  public static String header(Event event) {
    return SCHEME
        + " "
        + Base64.getEncoder().encodeToString(event.toJson().getBytes(StandardCharsets.UTF_8));
  }

  /** Lower-case hex SHA-256, as the {@code payload} tag carries it. */
  public static String sha256Hex(byte[] body) {
    try {
      return Hex.encode(MessageDigest.getInstance("SHA-256").digest(body));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
