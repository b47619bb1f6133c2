package org.hearth.finetune.scrub;

/** What the scrubber removes, with the placeholder that replaces it in training text. */
public enum PiiCategory {
  NWC_URI("[NWC_URI]"),
  LIGHTNING_INVOICE("[LIGHTNING_INVOICE]"),
  NOSTR_SECRET_KEY("[NOSTR_SECRET_KEY]"),
  NOSTR_PUBLIC_KEY("[NOSTR_PUBKEY]"),
  EMAIL("[EMAIL]"),
  IBAN("[IBAN]"),
  CARD_NUMBER("[CARD]"),
  PHONE("[PHONE]"),
  STREET_ADDRESS("[ADDRESS]"),
  PERSON_NAME(null);

  private final String placeholder;

  PiiCategory(String placeholder) {
    this.placeholder = placeholder;
  }

  /** The fixed replacement text; names get a per-person pseudonym instead (null here). */
  public String placeholder() {
    return placeholder;
  }
}
