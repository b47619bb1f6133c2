package org.hearth.nostr.nip59;

/** The rumor claims an author other than the key that signed its seal. */
public final class ForgedSenderException extends UnwrapException {
  public ForgedSenderException(String rumorPubkey, String sealPubkey) {
    super(
        Reason.FORGED_SENDER,
        "forged sender: rumor pubkey " + rumorPubkey + " is not the seal signer " + sealPubkey);
  }
}
