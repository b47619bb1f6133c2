package org.hearth.finetune.dataset;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.hearth.nostr.NostrException;
import org.hearth.nostr.crypto.PrivateKey;

/** Reads the fine-tune service's secret key: the file's first non-blank line, nsec or hex. */
final class ServiceKeyFile {
  private ServiceKeyFile() {}

  /** The key; errors name the file and the problem, never its content. */
  static PrivateKey read(Path file) throws DatasetException {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new DatasetException(
          "cannot read the service key file " + file + ": " + e.getClass().getSimpleName());
    }
    String first =
        lines.stream()
            .map(String::strip)
            .filter(l -> !l.isEmpty())
            .findFirst()
            .orElseThrow(() -> new DatasetException("the service key file " + file + " is empty"));
    try {
      return PrivateKey.parse(first);
    } catch (NostrException e) {
      throw new DatasetException(
          "the service key file " + file + " holds no key: " + e.getMessage());
    }
  }
}
