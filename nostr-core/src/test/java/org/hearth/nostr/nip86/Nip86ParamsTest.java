package org.hearth.nostr.nip86;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class Nip86ParamsTest {
  private static Nip86Params params(Nip86Method m, String json) {
    return Nip86Json.decodeRequest("{\"method\":\"" + m.wireName() + "\",\"params\":" + json + "}")
        .params(m);
  }

  @Test
  void checksParameterCounts() {
    assertThatThrownBy(() -> params(Nip86Method.BAN_PUBKEY, "[]"))
        .hasMessage("banpubkey takes 1 to 2 parameter(s), got 0");
    assertThatThrownBy(() -> params(Nip86Method.ASSIGN_ROLE, "[\"a\",\"b\",\"c\"]"))
        .hasMessage("assignrole takes 2 parameter(s), got 3");
    assertThatThrownBy(() -> params(Nip86Method.SUPPORTED_METHODS, "[1]"))
        .hasMessageContaining("takes 0");
  }

  @Test
  void pubkeysAndIdsAre64Hex() {
    assertThat(params(Nip86Method.BAN_PUBKEY, "[\"" + "AB".repeat(32) + "\"]").pubkey(0))
        .isEqualTo("ab".repeat(32));
    assertThatThrownBy(() -> params(Nip86Method.BAN_PUBKEY, "[\"npub1xyz\"]").pubkey(0))
        .hasMessage("banpubkey: parameter 1 must be a public key (64 hex characters)");
    assertThatThrownBy(() -> params(Nip86Method.BAN_EVENT, "[12]").eventId(0))
        .hasMessageContaining("must be an event id (64 hex characters), was a number");
  }

  @Test
  void kindsAreBounded() {
    assertThat(params(Nip86Method.ALLOW_KIND, "[1059]").kind(0)).isEqualTo(1059);
    assertThat(params(Nip86Method.ALLOW_KIND, "[\"7\"]").kind(0)).isEqualTo(7);
    assertThatThrownBy(() -> params(Nip86Method.ALLOW_KIND, "[-1]").kind(0))
        .hasMessageContaining("from 0 to 65535");
    assertThatThrownBy(() -> params(Nip86Method.ALLOW_KIND, "[65536]").kind(0))
        .hasMessageContaining("from 0 to 65535");
    assertThatThrownBy(() -> params(Nip86Method.ALLOW_KIND, "[1.5]").kind(0))
        .hasMessageContaining("must be a kind number");
    assertThatThrownBy(() -> params(Nip86Method.ALLOW_KIND, "[99999999999999999999]").kind(0))
        .isInstanceOf(Nip86Exception.class);
  }

  @Test
  void ipsAreLiteralsOnly() {
    assertThat(params(Nip86Method.BLOCK_IP, "[\"10.0.0.1\"]").ip(0)).isEqualTo("10.0.0.1");
    assertThat(params(Nip86Method.BLOCK_IP, "[\"::1\"]").ip(0)).isEqualTo("0:0:0:0:0:0:0:1");
    assertThatThrownBy(() -> params(Nip86Method.BLOCK_IP, "[\"example.com\"]").ip(0))
        .hasMessage("blockip: parameter 1 is not an IP address");
    assertThatThrownBy(() -> params(Nip86Method.BLOCK_IP, "[\"256.1.1.1\"]").ip(0))
        .hasMessage("blockip: parameter 1 is not an IP address");
  }

  @Test
  void textsAndOptionalTexts() {
    Nip86Params p = params(Nip86Method.BAN_PUBKEY, "[\"" + "a".repeat(64) + "\", null]");
    assertThat(p.optionalText(1)).isEmpty();
    assertThat(params(Nip86Method.CHANGE_RELAY_NAME, "[\"Family\"]").text(0)).isEqualTo("Family");
    assertThatThrownBy(() -> params(Nip86Method.CHANGE_RELAY_NAME, "[[]]").text(0))
        .hasMessage("changerelayname: parameter 1 must be a string, was an array");
    assertThatThrownBy(
            () -> params(Nip86Method.CHANGE_RELAY_NAME, "[\"" + "x".repeat(5000) + "\"]").text(0))
        .hasMessageContaining("longer than");
    assertThat(params(Nip86Method.CREATE_ROLE, "[\"r\",\"l\",\"d\",\"37\",2]").optionalInt(4))
        .hasValue(2);
    assertThatThrownBy(
            () -> params(Nip86Method.CREATE_ROLE, "[\"r\",\"l\",\"d\",\"37\",{}]").optionalInt(4))
        .hasMessageContaining("must be an integer");
  }

  @Test
  void httpUrlMapsWebsocketSchemes() {
    assertThat(Nip86.httpUrl(java.net.URI.create("ws://h:7447/family")).toString())
        .isEqualTo("http://h:7447/family");
    assertThat(Nip86.httpUrl(java.net.URI.create("wss://h/x?y=1")).toString())
        .isEqualTo("https://h/x?y=1");
    assertThatThrownBy(() -> Nip86.httpUrl(java.net.URI.create("ftp://h/")))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
