package org.hearth.finetune.dataset;

import java.util.Locale;

/** Why a fetched event was not used; counted per reason in the manifest. */
public enum SkipReason {
  /** Its id or signature does not verify. */
  BAD_SIGNATURE,
  /** It does not match the filter of the subscription that delivered it. */
  OFF_FILTER,
  /** A NIP-09 deletion by its author names it. */
  DELETED,
  /** Its NIP-40 expiration has passed. */
  EXPIRED,
  /** A newer version of the same replaceable or addressable event exists. */
  SUPERSEDED,
  /** Nothing to train on: empty, or blank once scrubbed. */
  EMPTY,
  /** A profile or conversation of a key that is not a person on the relay's member list. */
  NOT_A_MEMBER,
  /** A conversation not written by the relay's configured assistant. */
  NOT_FROM_ASSISTANT,
  /** A conversation that cannot be decrypted or read, or whose member fields disagree. */
  UNREADABLE;

  /** The manifest's name: lower case with dashes ({@code not-a-member}). */
  public String key() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
