package org.hearth.relay.support;

import java.util.List;
import org.hearth.nostr.crypto.LocalSigner;
import org.hearth.nostr.crypto.PrivateKey;
import org.hearth.nostr.event.Event;
import org.hearth.nostr.event.EventTemplate;

/** The test keys named in application.properties' %test profile. */
public final class TestKeys {
  public static final LocalSigner OWNER = key(1);

  /** Member of every relay. */
  public static final LocalSigner ALICE = key(2);

  /** Member of personal and family, not of work. */
  public static final LocalSigner BOB = key(3);

  /** Member of nothing. */
  public static final LocalSigner CAROL = key(4);

  /** A service key. */
  public static final LocalSigner SERVICE = key(5);

  /** No configured grant: tests give it one at runtime. */
  public static final LocalSigner DAVE = key(6);

  private TestKeys() {}

  private static LocalSigner key(int n) {
    return new LocalSigner(PrivateKey.fromHex("00".repeat(31) + String.format("%02x", n)));
  }

  public static String hex(LocalSigner s) {
    return s.publicKey().hex();
  }

  /** A signed event of {@code kind} stamped now, with tags given as {@code name, value} pairs. */
  public static Event event(LocalSigner s, int kind, String content, String... tagPairs) {
    return s.sign(EventTemplate.of(kind, tags(tagPairs), content));
  }

  public static Event eventAt(
      LocalSigner s, int kind, long createdAt, String content, String... tagPairs) {
    return s.sign(new EventTemplate(kind, tags(tagPairs), content, createdAt));
  }

  private static List<List<String>> tags(String... pairs) {
    java.util.ArrayList<List<String>> out = new java.util.ArrayList<>();
    for (int i = 0; i + 1 < pairs.length; i += 2) {
      out.add(List.of(pairs[i], pairs[i + 1]));
    }
    return out;
  }
}
