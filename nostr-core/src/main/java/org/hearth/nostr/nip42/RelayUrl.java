package org.hearth.nostr.nip42;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * A relay URL reduced to what NIP-42 compares: host (case-insensitive), explicit port and path. The
 * scheme is ignored (ws/wss/http/https alike: a relay behind a TLS proxy sees ws:// while its
 * clients use wss://), a port equal to its scheme's default counts as absent, and trailing slashes
 * are ignored.
 *
 * @param port the explicit non-default port, or -1
 */
record RelayUrl(String host, int port, String path) {

  static Optional<RelayUrl> parse(String url) {
    if (url == null || url.isBlank() || url.length() > 2048) {
      return Optional.empty();
    }
    URI uri;
    try {
      uri = new URI(url.strip());
    } catch (URISyntaxException e) {
      return Optional.empty();
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    boolean secure;
    switch (scheme) {
      case "wss", "https" -> secure = true;
      case "ws", "http" -> secure = false;
      default -> {
        return Optional.empty();
      }
    }
    if (uri.getHost() == null) {
      return Optional.empty();
    }
    int port = uri.getPort() == (secure ? 443 : 80) ? -1 : uri.getPort();
    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    while (path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    return Optional.of(new RelayUrl(uri.getHost().toLowerCase(Locale.ROOT), port, path));
  }
}
