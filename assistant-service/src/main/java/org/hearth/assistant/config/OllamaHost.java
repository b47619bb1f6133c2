package org.hearth.assistant.config;

import java.net.URI;

/** Ollama's address the way its CLI reads {@code OLLAMA_HOST}: scheme and port are optional. */
public final class OllamaHost {
  private OllamaHost() {}

  /** {@code host}, {@code host:port} or a URL, normalized to {@code http(s)://host:port}. */
  public static String normalize(String raw) {
    String s = raw == null ? "" : raw.strip();
    if (s.isEmpty()) {
      return "http://127.0.0.1:11434";
    }
    if (!s.contains("://")) {
      s = "http://" + s;
    }
    URI uri = URI.create(s);
    if (uri.getHost() == null) {
      throw new IllegalArgumentException("OLLAMA_HOST has no host: " + raw);
    }
    int port = uri.getPort();
    if (port < 0) {
      port = "https".equals(uri.getScheme()) ? 443 : 11434;
    }
    String host = uri.getHost().equals("0.0.0.0") ? "127.0.0.1" : uri.getHost();
    String path = uri.getPath() == null ? "" : uri.getPath().replaceAll("/+$", "");
    return uri.getScheme() + "://" + host + ":" + port + path;
  }
}
