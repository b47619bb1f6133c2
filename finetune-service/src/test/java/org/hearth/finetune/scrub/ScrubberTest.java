package org.hearth.finetune.scrub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ScrubberTest {
  static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8);
  final Scrubber scrubber = new Scrubber();

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "mail alice.smith+tag@mail.example.co.uk now|mail [EMAIL] now|EMAIL",
        "Bob@Example.ORG wrote|[EMAIL] wrote|EMAIL",
        "call +49 30 1234567 today|call [PHONE] today|PHONE",
        "call +1 (555) 123-4567.|call [PHONE].|PHONE",
        "office (030) 1234 5678|office [PHONE]|PHONE",
        "mobile 0176 12345678|mobile [PHONE]|PHONE",
        "us 555-123-4567 ok|us [PHONE] ok|PHONE",
        "intl +447911123456|intl [PHONE]|PHONE",
        "visa 4111 1111 1111 1111 exp|visa [CARD] exp|CARD_NUMBER",
        "mc 5500-0000-0000-0004|mc [CARD]|CARD_NUMBER",
        "amex 378282246310005|amex [CARD]|CARD_NUMBER",
        "iban DE89 3704 0044 0532 0130 00 thanks|iban [IBAN] thanks|IBAN",
        "GB82WEST12345698765432|[IBAN]|IBAN",
        "key nsec1vl029mgpspedva04g90vltkh6fvh240zqtv9k0t9af8935ke9laqsnlfe5 oops|key [NOSTR_SECRET_KEY] oops|NOSTR_SECRET_KEY",
        "follow npub10elfcs4fr0l0r8af98jlmgdh9c8tcxjvz9qkw038js35mp4dma8qzvjptg!|follow [NOSTR_PUBKEY]!|NOSTR_PUBLIC_KEY",
        "pay lnbc2500u1pvjluezpp5qqqsyqcyq5rqwzqfqqqsyqcyq5rqwzqfqqqsyqcyq5rqwzqfqypqdq5xysxxatsyp3k7enxv4jsxqzpuaztrnwngzn3kdzw5hydlzf03qdgm2hdq27cqv3agm2awhz5se903vruatfhq77w3ls4evs3ch9zw97j25emudupq63nyw24cg27h2rspfj9srp please|pay [LIGHTNING_INVOICE] please|LIGHTNING_INVOICE",
        "test LNTB20M1PVJLUEZHP58YJMDAN79S6QQDHDZGYNM4ZWQD5D7XMW5FK98KLYSY043L2AHRQSPP5QQQSYQCYQ5RQWZQFQQQSYQCYQ5RQWZQFQQQSYQCYQ5RQWZQFQYPQ|test [LIGHTNING_INVOICE]|LIGHTNING_INVOICE",
        "lightning:lnbc1pvjluezpp5qqqsyqcyq5rqwzqfqqqsyqcyq5rqwzqfqqqsyqcyq5rqwzqfqypqdpl2pkx2ctnv5sxxmmwwd5kgetjypeh2ursdae8g6twvus8g6rfwvs8qun0dfjkxaq|[LIGHTNING_INVOICE]|LIGHTNING_INVOICE",
        "wallet nostr+walletconnect://b889ff5b1513b641e2a139f661a661364979c5beee91842f8f0ef42ab558e9d4?relay=wss%3A%2F%2Frelay.damus.io&secret=71a8c14c1407c113601079c4302dab36460f0ccd0ad506f1f2dc73b5100e4f3c&lud16=me@getalby.com end|wallet [NWC_URI] end|NWC_URI",
        "at 221B Baker Street in London|at [ADDRESS] in London|STREET_ADDRESS",
        "P. Sherman, 42 Wallaby Way, Sydney|P. Sherman, [ADDRESS], Sydney|STREET_ADDRESS",
        "wohnt in der Hauptstraße 12 in Berlin|wohnt in der [ADDRESS] in Berlin|STREET_ADDRESS",
        "Musterweg 5a|[ADDRESS]|STREET_ADDRESS",
        "au 12 rue de Rivoli|au [ADDRESS]|STREET_ADDRESS",
      })
  void replacesEachCategory(String input, String expected, PiiCategory category) {
    ScrubResult r = scrubber.scrub(input);
    assertThat(r.text()).isEqualTo(expected);
    assertThat(r.stats().count(category)).isEqualTo(1);
    assertThat(r.stats().total()).isEqualTo(1);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "ping user@localhost or @handle",
        "released 2024-01-15 as version 1.2.3",
        "between 1999 and 2000 we had 12 34 cats",
        "card 4111 1111 1111 1112 fails Luhn",
        "iban DE89 3704 0044 0532 0130 02 has a wrong checksum",
        "npub1short and nsec1abc are not keys",
        "lnbc is a prefix, lnbcx too",
        "nostr+wallet is not a uri",
        "I have 3 Big Dogs and walked 5 miles down the road",
        "room 101 on floor 3, call ext 42",
        "the answer is 42 and pi is 3.14159",
      })
  void leavesNonMatchesAlone(String input) {
    ScrubResult r = scrubber.scrub(input);
    assertThat(r.text()).isEqualTo(input);
    assertThat(r.stats().total()).isZero();
  }

  @Test
  void checksumsAreRealChecksums() {
    assertThat(Checksums.luhn("4111111111111111")).isTrue();
    assertThat(Checksums.luhn("4111111111111112")).isFalse();
    assertThat(Checksums.iban("DE89370400440532013000")).isTrue();
    assertThat(Checksums.iban("DE89370400440532013001")).isFalse();
    assertThat(Checksums.iban("DE8937040044")).isFalse();
  }

  @Test
  void namesBecomeStableKeyedPseudonyms() {
    Pseudonymizer p = new Pseudonymizer(KEY);
    Scrubber s = new Scrubber(List.of("Alice Smith", "Alice", "Bob"), p);
    ScrubResult r = s.scrub("Alice Smith met bob, then ALICE and Bobby left.");
    String alice = p.pseudonym("alice smith");
    assertThat(r.text())
        .isEqualTo(
            alice
                + " met "
                + p.pseudonym("Bob")
                + ", then "
                + p.pseudonym("Alice")
                + " and Bobby left.");
    assertThat(r.stats().count(PiiCategory.PERSON_NAME)).isEqualTo(3);
    assertThat(alice).matches("Person-[0-9a-f]{8}").isEqualTo(p.pseudonym("  ALICE   SMITH "));
    byte[] otherKey = KEY.clone();
    otherKey[0] ^= 1;
    assertThat(new Pseudonymizer(otherKey).pseudonym("Alice Smith")).isNotEqualTo(alice);
    assertThat(p.toString()).doesNotContain("0123456789abcdef");
    assertThatThrownBy(() -> new Pseudonymizer(new byte[8])).hasMessageContaining("32 bytes");
  }

  @Test
  void plantedCanariesNeverSurviveScrubbing() {
    List<Canary> canaries = Canary.generate(2026);
    StringBuilder doc = new StringBuilder("Notes from the family relay.\n");
    for (Canary c : canaries) {
      doc.append("Please keep this safe: ").append(c.secret()).append(" thanks.\n");
    }
    ScrubResult r = scrubber.scrub(doc.toString());
    for (Canary c : canaries) {
      assertThat(c.leaksInto(doc.toString())).isTrue();
      assertThat(c.leaksInto(r.text())).as(c.category().name()).isFalse();
      assertThat(r.stats().count(c.category())).as(c.category().name()).isEqualTo(1);
    }
    assertThat(r.stats().total()).isEqualTo(canaries.size());
    ScrubStats twice = r.stats().plus(r.stats());
    assertThat(twice.count(PiiCategory.IBAN)).isEqualTo(2);
  }
}
