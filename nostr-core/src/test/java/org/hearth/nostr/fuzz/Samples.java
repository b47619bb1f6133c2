package org.hearth.nostr.fuzz;

import java.util.List;
import org.hearth.nostr.crypto.LocalSigner;
import org.hearth.nostr.crypto.PrivateKey;
import org.hearth.nostr.event.Event;
import org.hearth.nostr.event.EventTemplate;

/** Valid inputs the fuzz tests mutate and truncate. */
final class Samples {
  static final LocalSigner SIGNER =
      new LocalSigner(
          PrivateKey.fromHex("0000000000000000000000000000000000000000000000000000000000000003"));
  static final Event EVENT =
      SIGNER.sign(
          new EventTemplate(
              30023,
              List.of(
                  List.of("d", "a \"b\""), List.of("e", "ab".repeat(32), "wss://r"), List.of("t")),
              "h\u00e9llo \ud83d\ude00 \\ \n\t\u0001 \"q\"",
              1_700_000_000L));
  static final String ID = EVENT.id();
  static final String FILTER =
      "{\"ids\":[\""
          + ID
          + "\"],\"authors\":[\""
          + EVENT.pubkey()
          + "\"],\"kinds\":[1,30023],\"#e\":[\"x\"],\"since\":1,\"until\":2,\"limit\":10,"
          + "\"search\":\"s\"}";
  static final List<String> CLIENT_FRAMES =
      List.of(
          "[\"EVENT\"," + EVENT.toJson() + "]",
          "[\"REQ\",\"sub\"," + FILTER + ",{}]",
          "[\"CLOSE\",\"sub\"]",
          "[\"AUTH\"," + EVENT.toJson() + "]",
          "[\"COUNT\",\"c\"," + FILTER + "]");
  static final List<String> RELAY_FRAMES =
      List.of(
          "[\"EVENT\",\"sub\"," + EVENT.toJson() + "]",
          "[\"OK\",\"" + ID + "\",false,\"invalid: bad\"]",
          "[\"EOSE\",\"sub\"]",
          "[\"CLOSED\",\"sub\",\"auth-required: x\"]",
          "[\"NOTICE\",\"hi\"]",
          "[\"AUTH\",\"challenge\"]",
          "[\"COUNT\",\"c\",{\"count\":3,\"approximate\":true}]");

  private Samples() {}
}
