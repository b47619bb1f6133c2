package org.hearth.nostr.nip19;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.hearth.nostr.DecodeException;
import org.hearth.nostr.Hex;
import org.hearth.nostr.crypto.CryptoException;
import org.hearth.nostr.crypto.PrivateKey;
import org.hearth.nostr.crypto.PublicKey;
import org.hearth.nostr.nip19.Nip19Entity.Naddr;
import org.hearth.nostr.nip19.Nip19Entity.Nevent;
import org.hearth.nostr.nip19.Nip19Entity.Note;
import org.hearth.nostr.nip19.Nip19Entity.Nprofile;
import org.hearth.nostr.nip19.Nip19Entity.Npub;
import org.hearth.nostr.nip19.Nip19Entity.Nsec;
import org.junit.jupiter.api.Test;

/** NIP-19 against the examples in the NIP text, round trips and rejection of bad input. */
class Nip19Test {
  private static final String NPUB =
      "npub10elfcs4fr0l0r8af98jlmgdh9c8tcxjvz9qkw038js35mp4dma8qzvjptg";
  private static final String NPUB_HEX =
      "7e7e9c42a91bfef19fa929e5fda1b72e0ebc1a4c1141673e2794234d86addf4e";
  private static final String NSEC =
      "nsec1vl029mgpspedva04g90vltkh6fvh240zqtv9k0t9af8935ke9laqsnlfe5";
  private static final String NSEC_HEX =
      "67dea2ed018072d675f5415ecfaed7d2597555e202d85b3d65ea4e58d2d92ffa";
  private static final String NPROFILE =
      "nprofile1qqsrhuxx8l9ex335q7he0f09aej04zpazpl0ne2cgukyawd24mayt8gpp4mhxue69uhhytnc9e3k7mgpz4mhxue69uhkg6nzv9ejuumpv34kytnrdaksjlyr9p";
  private static final PublicKey FIATJAF =
      PublicKey.fromHex("3bf0c63fcb93463407af97a5e5ee64fa883d107ef9e558472c4eb9aaaefa459d");

  @Test
  void specExamples() {
    assertThat(Nip19.decode(NPUB)).isEqualTo(new Npub(PublicKey.fromHex(NPUB_HEX)));
    assertThat(PublicKey.fromHex(NPUB_HEX).npub()).isEqualTo(NPUB);
    assertThat(PrivateKey.fromHex(NSEC_HEX).nsec()).isEqualTo(NSEC);
    assertThat(((Nsec) Nip19.decode(NSEC)).key().hex()).isEqualTo(NSEC_HEX);
    assertThat(FIATJAF.npub())
        .isEqualTo("npub180cvv07tjdrrgpa0j7j7tmnyl2yr6yr7l8j4s3evf6u64th6gkwsyjh6w6");
    Nprofile p = Nip19.decode(NPROFILE, Nprofile.class);
    assertThat(p.pubkey()).isEqualTo(FIATJAF);
    assertThat(p.relays()).containsExactly("wss://r.x.com", "wss://djbas.sadkb.com");
    assertThat(p.encode()).isEqualTo(NPROFILE);
  }

  @Test
  void keyParsingAcceptsHexAndBech32() {
    assertThat(PublicKey.parse(NPUB).hex()).isEqualTo(NPUB_HEX);
    assertThat(PublicKey.parse(NPUB_HEX.toUpperCase()).hex()).isEqualTo(NPUB_HEX);
    assertThat(PublicKey.parse("nostr:" + NPUB).hex()).isEqualTo(NPUB_HEX);
    assertThat(PrivateKey.parse(NSEC).hex()).isEqualTo(NSEC_HEX);
    assertThat(PrivateKey.parse(NSEC_HEX).hex()).isEqualTo(NSEC_HEX);
    assertThatThrownBy(() -> PublicKey.parse(NSEC))
        .isInstanceOf(DecodeException.class)
        .hasMessageContaining("expected a npub, got a nsec");
  }

  @Test
  void secretNeverAppearsInErrors() {
    String flipped =
        NSEC.substring(0, 20) + (NSEC.charAt(20) == 'q' ? 'p' : 'q') + NSEC.substring(21);
    assertThatThrownBy(() -> PrivateKey.parse(flipped))
        .isInstanceOf(CryptoException.class)
        .hasMessageContaining("bad bech32 checksum")
        .message()
        .doesNotContain(NSEC.substring(5, 15));
    assertThatThrownBy(() -> PrivateKey.parse("x" + NSEC_HEX.substring(1)))
        .isInstanceOf(CryptoException.class)
        .message()
        .doesNotContain(NSEC_HEX.substring(1, 10));
    assertThat(new Nsec(PrivateKey.fromHex(NSEC_HEX)).toString()).doesNotContain(NSEC_HEX);
    // A '1' typed inside the data moves secret characters into the bech32 prefix.
    String secretInPrefix = Bech32.encode("nsec1vl029mgp", new byte[32]);
    assertThatThrownBy(() -> PrivateKey.parse(secretInPrefix))
        .isInstanceOf(CryptoException.class)
        .hasMessage("invalid nsec: not an nsec");
  }

  @Test
  void tlvEntitiesRoundTrip() {
    String id = "b9f5441e45ca39179320e0031cfb18e34078673dcc3d3e3a3b3a981760aa5696";
    Nevent full =
        new Nevent(
            id,
            List.of("wss://a.example", "wss://b.example"),
            Optional.of(FIATJAF),
            Optional.of(1));
    assertThat(Nip19.decode(full.encode())).isEqualTo(full);
    Nevent bare = new Nevent(id, List.of());
    assertThat(Nip19.decode(bare.encode())).isEqualTo(bare);
    Naddr addr = new Naddr("my article ✓", FIATJAF, 30023, List.of("wss://relay.example/"));
    assertThat(Nip19.decode(addr.encode())).isEqualTo(addr);
    assertThat(addr.coordinate()).isEqualTo("30023:" + FIATJAF.hex() + ":my article ✓");
    Naddr empty = new Naddr("", FIATJAF, 10002, List.of());
    assertThat(Nip19.decode(empty.encode())).isEqualTo(empty);
    assertThat(Nip19.decode(new Note(id).encode())).isEqualTo(new Note(id));
  }

  @Test
  void longTlvStringsBeyondNinetyCharactersWork() {
    List<String> relays =
        List.of(
            "wss://" + "r".repeat(200) + ".example", "wss://second.example", "wss://third.example");
    Nprofile p = new Nprofile(FIATJAF, relays);
    String s = p.encode();
    assertThat(s.length()).isGreaterThan(400);
    assertThat(Nip19.decode(s)).isEqualTo(p);
  }

  @Test
  void unknownTlvTypesAreIgnored() {
    byte[] tlv = Tlv.writer().special(FIATJAF.bytes()).bytes();
    byte[] withUnknown = new byte[tlv.length + 5];
    System.arraycopy(tlv, 0, withUnknown, 0, tlv.length);
    withUnknown[tlv.length] = 9;
    withUnknown[tlv.length + 1] = 3;
    String s = Bech32.encode("nprofile", withUnknown);
    assertThat(Nip19.decode(s)).isEqualTo(new Nprofile(FIATJAF, List.of()));
  }

  @Test
  void rejectsMalformedTlvAndLengths() {
    assertThatThrownBy(() -> Nip19.decode(Bech32.encode("nprofile", new byte[] {0, 32, 1, 2})))
        .isInstanceOf(DecodeException.class)
        .hasMessageContaining("TLV type 0 claims 32 bytes, only 2 left");
    assertThatThrownBy(() -> Nip19.decode(Bech32.encode("nprofile", new byte[] {1})))
        .hasMessageContaining("truncated TLV record");
    assertThatThrownBy(() -> Nip19.decode(Bech32.encode("nevent", new byte[] {1, 1, 'x'})))
        .hasMessageContaining("nevent has no event id");
    assertThatThrownBy(() -> Nip19.decode(Bech32.encode("npub", new byte[31])))
        .hasMessageContaining("npub must hold 32 bytes, holds 31");
    byte[] naddr = Tlv.writer().special(new byte[0]).author(FIATJAF.bytes()).bytes();
    assertThatThrownBy(() -> Nip19.decode(Bech32.encode("naddr", naddr)))
        .hasMessageContaining("naddr has no kind (TLV 3)");
    byte[] badKind = Tlv.writer().special(new byte[32]).put(3, new byte[2]).bytes();
    assertThatThrownBy(() -> Nip19.decode(Bech32.encode("nevent", badKind)))
        .hasMessageContaining("nevent kind must be 4 bytes, is 2");
    assertThatThrownBy(() -> Nip19.decode(Bech32.encode("nsec", new byte[32])))
        .hasMessageContaining("nsec does not hold a valid secp256k1 secret key");
    assertThatThrownBy(() -> Nip19.decode(Bech32.encode("nfoo", new byte[32])))
        .hasMessageContaining("unknown NIP-19 prefix 'nfoo'");
  }

  @Test
  void rejectsBadBech32() {
    assertThatThrownBy(() -> Nip19.decode(NPUB.toUpperCase().substring(0, 10) + NPUB.substring(10)))
        .isInstanceOf(DecodeException.class)
        .hasMessageContaining("mixes upper and lower case");
    assertThat(Nip19.decode(NPUB.toUpperCase())).isEqualTo(Nip19.decode(NPUB));
    assertThatThrownBy(() -> Nip19.decode(NPUB.replace('0', 'b')))
        .hasMessageContaining("invalid bech32 data character");
    assertThatThrownBy(() -> Nip19.decode("npub1qqqq")).hasMessageContaining("too short");
    assertThatThrownBy(() -> Nip19.decode("qqqqqqqqqqq")).hasMessageContaining("no human-readable");
    assertThatThrownBy(() -> Nip19.decode("npub1 abc")).hasMessageContaining("position 5");
    assertThatThrownBy(() -> Nip19.decode(null)).isInstanceOf(DecodeException.class);
  }

  @Test
  void rejectsBech32mAndBadPadding() throws Exception {
    byte[] five = Bech32.convertBits(new byte[32], 8, 5, true);
    String m =
        nostr.crypto.bech32.Bech32.encode(
            nostr.crypto.bech32.Bech32.Encoding.BECH32M, "npub", five);
    assertThatThrownBy(() -> Nip19.decode(m)).hasMessageContaining("bech32m");
    byte[] badPad = five.clone();
    badPad[badPad.length - 1] = 1;
    String padded =
        nostr.crypto.bech32.Bech32.encode(
            nostr.crypto.bech32.Bech32.Encoding.BECH32, "npub", badPad);
    assertThatThrownBy(() -> Nip19.decode(padded)).hasMessageContaining("non-zero padding");
    byte[] extra = new byte[five.length + 2];
    System.arraycopy(five, 0, extra, 0, five.length);
    String tooLong =
        nostr.crypto.bech32.Bech32.encode(
            nostr.crypto.bech32.Bech32.Encoding.BECH32, "npub", extra);
    assertThatThrownBy(() -> Nip19.decode(tooLong)).hasMessageContaining("excess padding");
  }

  @Test
  void nostrJavaFromBech32DropsTheLastByteOfTlvData() throws Exception {
    // Why this module converts bits itself: nostr-java's fromBech32 assumes 32-byte keys.
    byte[] data = Hex.decode("0001ff0203");
    String s = Bech32.encode("nfoo", data);
    assertThat(nostr.crypto.bech32.Bech32.fromBech32(s)).isEqualTo("0001ff02");
    assertThat(Bech32.decode(s).data()).isEqualTo(data);
  }
}
