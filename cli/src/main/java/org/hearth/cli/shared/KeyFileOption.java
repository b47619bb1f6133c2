package org.hearth.cli.shared;

import java.nio.file.Path;
import org.hearth.nostr.crypto.LocalSigner;
import picocli.CommandLine.Option;

/** {@code --key-file}: the secret key that signs NIP-98 requests. A picocli mixin. */
public final class KeyFileOption {
  @Option(
      names = "--key-file",
      defaultValue = "${env:HEARTH_KEY_FILE}",
      description =
          "File holding your nsec or hex secret key, mode 600 (default: $HEARTH_KEY_FILE).")
  Path keyFile;

  /** The signer of the key file; a {@link KeyFileException} when none is given or it is bad. */
  public LocalSigner signer() {
    if (keyFile == null) {
      throw new KeyFileException(
          "no key file: give --key-file <file> or set HEARTH_KEY_FILE (a file holding your nsec)");
    }
    return new LocalSigner(KeyFile.load(keyFile));
  }
}
