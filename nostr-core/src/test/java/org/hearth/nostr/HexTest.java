package org.hearth.nostr;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HexTest {
  @Test
  void encodesLowerCase() {
    assertThat(Hex.encode(new byte[] {0, (byte) 0xab, 0x7f})).isEqualTo("00ab7f");
  }
}
