package org.hearth.cli.finetune;

import java.net.URI;
import picocli.CommandLine.Option;

/** {@code --url}: where the finetune service runs. A picocli mixin. */
final class FinetuneOptions {
  @Option(
      names = "--url",
      defaultValue = "${env:HEARTH_FINETUNE_URL}",
      description =
          "The finetune service's base URL, e.g. http://localhost:8090 (default:"
              + " $HEARTH_FINETUNE_URL).")
  URI url;

  URI url() {
    if (url == null) {
      throw new IllegalArgumentException(
          "no finetune service URL: give --url <url> or set HEARTH_FINETUNE_URL");
    }
    return url;
  }
}
