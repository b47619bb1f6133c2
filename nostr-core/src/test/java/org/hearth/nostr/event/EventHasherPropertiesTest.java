package org.hearth.nostr.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;

/** The allocation-free hasher agrees with hashing the String serialization, for any text. */
class EventHasherPropertiesTest {

  @Property(tries = 2000)
  void hasherAgreesWithTheStringSerialization(
      @ForAll String pubkey,
      @ForAll long createdAt,
      @ForAll int kind,
      @ForAll @Size(max = 4) List<@Size(max = 4) List<String>> tags,
      @ForAll String content)
      throws Exception {
    for (boolean escapeAll : new boolean[] {true, false}) {
      String json = EventJson.canonical(pubkey, createdAt, kind, tags, content, escapeAll);
      byte[] expected =
          MessageDigest.getInstance("SHA-256").digest(json.getBytes(StandardCharsets.UTF_8));
      assertThat(EventHasher.id(pubkey, createdAt, kind, tags, content, escapeAll))
          .isEqualTo(expected);
    }
  }
}
