package org.hearth.cli.shared;

import java.time.Duration;
import picocli.CommandLine.Option;

/** {@code --json} and {@code --timeout}, shared by the commands that call a server. A mixin. */
public final class OutputOptions {
  @Option(names = "--json", description = "Print the server's answer as JSON.")
  boolean json;

  @Option(
      names = "--timeout",
      defaultValue = "30",
      description = "Seconds to wait for the server (default: ${DEFAULT-VALUE}).")
  int timeoutSeconds;

  public boolean json() {
    return json;
  }

  /** The per-call timeout, at least one second. */
  public Duration timeout() {
    return Duration.ofSeconds(Math.max(1, timeoutSeconds));
  }
}
