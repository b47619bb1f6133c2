package org.hearth.relay.loadgen;

import java.util.ArrayList;
import java.util.List;
import org.hearth.nostr.crypto.LocalSigner;
import org.hearth.nostr.crypto.PrivateKey;

/** Deterministic keys for the load generator (never used anywhere real). */
final class BenchKeys {
  private BenchKeys() {}

  static LocalSigner key(int n) {
    return new LocalSigner(PrivateKey.fromHex(String.format("%064x", n)));
  }

  /** The owner of the bench relay. */
  static final LocalSigner OWNER = key(1);

  /** The member every load connection authenticates as. */
  static final LocalSigner READER = key(2);

  /** {@code n} member authors for ingest. */
  static List<LocalSigner> writers(int n) {
    List<LocalSigner> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(key(0x1000 + i));
    }
    return out;
  }

  /** {@code n} authors of the bulk-loaded store (they need not be members: readers are). */
  static List<LocalSigner> storeAuthors(int n) {
    List<LocalSigner> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(key(0x100000 + i));
    }
    return out;
  }
}
