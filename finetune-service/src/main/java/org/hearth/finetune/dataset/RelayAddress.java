package org.hearth.finetune.dataset;

import java.net.URI;
import java.util.regex.Pattern;

/**
 * The one address a dataset is read from: {@code <base>/<relay>}. Relay names are single path
 * segments (letters, digits, {@code -}, {@code _}), so no name can point at another relay.
 *
 * @param relay the relay's name
 * @param websocket where its events are read
 * @param http the same address over HTTP(S), for its NIP-11 document
 */
record RelayAddress(String relay, URI websocket, URI http) {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");

  static RelayAddress of(URI base, String relay) throws DatasetException {
    if (relay == null || !NAME.matcher(relay).matches()) {
      throw new DatasetException(
          "a relay name is 1 to 64 letters, digits, '-' or '_': not a usable name");
    }
    String scheme = base.getScheme() == null ? "" : base.getScheme().toLowerCase();
    if (!scheme.equals("ws") && !scheme.equals("wss")) {
      throw new DatasetException("the relay URL must be ws:// or wss://, got " + base);
    }
    if (base.getQuery() != null || base.getFragment() != null) {
      throw new DatasetException("the relay URL must not have a query or fragment: " + base);
    }
    String s = base.toString();
    String url = (s.endsWith("/") ? s : s + "/") + relay;
    URI ws = URI.create(url);
    URI http =
        URI.create((scheme.equals("wss") ? "https" : "http") + url.substring(scheme.length()));
    return new RelayAddress(relay, ws, http);
  }
}
