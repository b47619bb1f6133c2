package org.hearth.nostr.nip86;

import java.net.URI;

/** NIP-86 constants and the mapping between a relay's websocket URL and its HTTP URL. */
public final class Nip86 {
  /** The content type of NIP-86 requests and responses. */
  public static final String CONTENT_TYPE = "application/nostr+json+rpc";

  /** Largest request or response body this package decodes: 1 MiB. */
  public static final int MAX_BODY_BYTES = 1024 * 1024;

  private Nip86() {}

  /**
   * The HTTP(S) URL on which a relay serves NIP-86: {@code ws://} becomes {@code http://}, {@code
   * wss://} becomes {@code https://}; http(s) URLs are returned unchanged.
   *
   * @throws IllegalArgumentException for another scheme or a URL without host
   */
  public static URI httpUrl(URI relayUrl) {
    String scheme = relayUrl.getScheme() == null ? "" : relayUrl.getScheme().toLowerCase();
    String http =
        switch (scheme) {
          case "ws", "http" -> "http";
          case "wss", "https" -> "https";
          default ->
              throw new IllegalArgumentException(
                  "relay URL must start with ws://, wss://, http:// or https://: " + relayUrl);
        };
    if (relayUrl.getHost() == null) {
      throw new IllegalArgumentException("relay URL has no host: " + relayUrl);
    }
    return URI.create(http + relayUrl.toString().substring(scheme.length()));
  }
}
