package org.hearth.relay.admin;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.hearth.nostr.crypto.LocalSigner;
import org.hearth.nostr.crypto.PrivateKey;
import org.hearth.nostr.crypto.PublicKey;
import org.hearth.nostr.event.Event;
import org.hearth.nostr.event.EventTemplate;

/**
 * The relay's own key (NIP-11 {@code self}): signs NIP-43 membership lists and add/remove events.
 * Loaded from, or generated into, {@link AdminConfig#relayKeyFile()} (hex, mode 0600).
 */
@ApplicationScoped
public class RelayIdentity {
  private final LocalSigner signer;

  public RelayIdentity(AdminConfig config) {
    this.signer = new LocalSigner(loadOrCreate(config.relayKeyFile()));
  }

  public PublicKey publicKey() {
    return signer.publicKey();
  }

  public Event sign(EventTemplate t) {
    return signer.sign(t);
  }

  static PrivateKey loadOrCreate(Path file) {
    try {
      if (Files.exists(file)) {
        return PrivateKey.fromHex(Files.readString(file, StandardCharsets.US_ASCII).strip());
      }
      Path dir = file.toAbsolutePath().getParent();
      Files.createDirectories(dir);
      PrivateKey key = PrivateKey.generate();
      Path tmp = Files.createTempFile(dir, "relay-self", ".tmp");
      Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
      Files.writeString(tmp, key.hex() + "\n", StandardCharsets.US_ASCII);
      Files.move(tmp, file);
      return key;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or create the relay key " + file, e);
    }
  }
}
