package org.hearth.nostr.nip86;

import java.util.Optional;

/**
 * The methods of NIP-86 (relay management API), as the current NIP text lists them, with the number
 * of parameters each takes.
 */
public enum Nip86Method implements RpcMethod {
  SUPPORTED_METHODS("supportedmethods", 0, 0),
  BAN_PUBKEY("banpubkey", 1, 2),
  UNBAN_PUBKEY("unbanpubkey", 1, 2),
  LIST_BANNED_PUBKEYS("listbannedpubkeys", 0, 0),
  ALLOW_PUBKEY("allowpubkey", 1, 2),
  UNALLOW_PUBKEY("unallowpubkey", 1, 2),
  LIST_ALLOWED_PUBKEYS("listallowedpubkeys", 0, 0),
  CREATE_ROLE("createrole", 1, 5),
  EDIT_ROLE("editrole", 1, 5),
  DELETE_ROLE("deleterole", 1, 1),
  ASSIGN_ROLE("assignrole", 2, 2),
  UNASSIGN_ROLE("unassignrole", 2, 2),
  LIST_EVENTS_NEEDING_MODERATION("listeventsneedingmoderation", 0, 0),
  ALLOW_EVENT("allowevent", 1, 2),
  BAN_EVENT("banevent", 1, 2),
  LIST_BANNED_EVENTS("listbannedevents", 0, 0),
  CHANGE_RELAY_NAME("changerelayname", 1, 1),
  CHANGE_RELAY_DESCRIPTION("changerelaydescription", 1, 1),
  CHANGE_RELAY_ICON("changerelayicon", 1, 1),
  ALLOW_KIND("allowkind", 1, 1),
  DISALLOW_KIND("disallowkind", 1, 1),
  LIST_ALLOWED_KINDS("listallowedkinds", 0, 0),
  BLOCK_IP("blockip", 1, 2),
  UNBLOCK_IP("unblockip", 1, 1),
  LIST_BLOCKED_IPS("listblockedips", 0, 0);

  private final String wireName;
  private final int minParams;
  private final int maxParams;

  Nip86Method(String wireName, int minParams, int maxParams) {
    this.wireName = wireName;
    this.minParams = minParams;
    this.maxParams = maxParams;
  }

  /** The name on the wire, e.g. {@code banpubkey}. */
  @Override
  public String wireName() {
    return wireName;
  }

  @Override
  public int minParams() {
    return minParams;
  }

  @Override
  public int maxParams() {
    return maxParams;
  }

  /** True for methods that only read (list and supportedmethods). */
  public boolean readOnly() {
    return wireName.startsWith("list") || this == SUPPORTED_METHODS;
  }

  /** The method with this exact wire name (NIP-86 names are lower case). */
  public static Optional<Nip86Method> fromWire(String name) {
    return RpcMethod.find(values(), name);
  }
}
