package org.hearth.finetune.testing;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.hearth.nostr.crypto.LocalSigner;
import org.hearth.nostr.crypto.PrivateKey;
import org.hearth.nostr.nip98.Nip98;

/** Fixed test keys (secret keys 0x01.., never used anywhere real) and NIP-98 headers. */
public final class TestKeys {
  /** Admin of every relay (hearth.finetune.admins in %test). */
  public static final LocalSigner ADMIN = signer(1);

  /** A member who is nobody's admin. */
  public static final LocalSigner STRANGER = signer(2);

  /** Admin of relay work only. */
  public static final LocalSigner WORK_ADMIN = signer(3);

  /** A service key (e.g. an assistant) acting for an admin. */
  public static final LocalSigner SERVICE = signer(5);

  private TestKeys() {}

  private static LocalSigner signer(int n) {
    return new LocalSigner(PrivateKey.fromHex(String.format("%064x", n)));
  }

  public static String auth(LocalSigner who, URI url, String method, String body) {
    return Nip98.authorizationHeader(
        who, url.toString(), method, body == null ? null : body.getBytes(StandardCharsets.UTF_8));
  }
}
