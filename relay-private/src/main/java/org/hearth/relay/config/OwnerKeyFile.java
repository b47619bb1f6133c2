package org.hearth.relay.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.hearth.nostr.crypto.PrivateKey;
import org.hearth.nostr.crypto.PublicKey;
import org.jboss.logging.Logger;

/**
 * The owner key generated when no owner is configured: {@code <data-dir>/owner.key} holds the
 * secret as hex, readable by its user only (0600). The npub is printed once, when it is created.
 */
public final class OwnerKeyFile {
  private static final Logger LOG = Logger.getLogger(OwnerKeyFile.class);
  static final String FILE_NAME = "owner.key";

  private OwnerKeyFile() {}

  /** Loads the key under {@code dataDir}, creating it (and printing its npub) when absent. */
  public static PublicKey loadOrCreate(Path dataDir) {
    Path file = dataDir.resolve(FILE_NAME);
    try {
      if (Files.exists(file)) {
        String hex = Files.readString(file, StandardCharsets.US_ASCII).strip();
        return PrivateKey.fromHex(hex).publicKey();
      }
      Files.createDirectories(dataDir);
      PrivateKey key = PrivateKey.generate();
      Path tmp = Files.createTempFile(dataDir, "owner", ".tmp");
      Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
      Files.writeString(tmp, key.hex() + "\n", StandardCharsets.US_ASCII);
      Files.move(tmp, file);
      String npub = key.publicKey().npub();
      System.out.println(
          "hearth relay: no owner configured; generated owner key "
              + npub
              + " (secret in "
              + file.toAbsolutePath()
              + ", mode 0600)");
      LOG.infof("Generated owner key %s", npub);
      return key.publicKey();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or create the owner key " + file, e);
    }
  }
}
