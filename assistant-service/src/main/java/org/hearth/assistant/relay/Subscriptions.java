package org.hearth.assistant.relay;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import org.hearth.assistant.config.ScopeSettings;
import org.hearth.assistant.dm.DmCodec;
import org.hearth.assistant.dm.MembershipService;
import org.hearth.nostr.crypto.PublicKey;
import org.hearth.nostr.filter.Filter;
import org.hearth.nostr.nip59.Nip59;

/** The filters an assistant subscribes with on its relay. */
public final class Subscriptions {
  private static final int KIND_DELETION = 5;
  public static final int KIND_JOB_FEEDBACK = 7000;
  public static final int KIND_JOB_RESULT = 6970;

  private Subscriptions() {}

  /** Followed kinds and deletions, for memory, created at or after {@code since} when given. */
  public static Filter memory(ScopeSettings scope, OptionalLong since) {
    Set<Integer> kinds = new HashSet<>(scope.followedKinds());
    kinds.add(KIND_DELETION);
    return new Filter(null, null, kinds, null, since, null, null, null);
  }

  /** Feedback (7000) and results (6970) of the fine-tune jobs this assistant requested. */
  public static Filter jobEvents(PublicKey self, long since) {
    return new Filter(
        null,
        null,
        Set.of(KIND_JOB_FEEDBACK, KIND_JOB_RESULT),
        Map.of("p", Set.of(self.hex())),
        OptionalLong.of(since),
        null,
        null,
        null);
  }

  /**
   * Gift wraps and NIP-04 DMs addressed to the assistant, looking back far enough for the
   * randomized gift-wrap timestamps (already answered ones are skipped by de-duplication).
   */
  public static List<Filter> inbox(PublicKey self, long nowSeconds, Duration lookback) {
    OptionalLong since = OptionalLong.of(nowSeconds - lookback.toSeconds());
    Map<String, Set<String>> toMe = Map.of("p", Set.of(self.hex()));
    return List.of(
        new Filter(null, null, Set.of(Nip59.GIFT_WRAP), toMe, since, null, null, null),
        new Filter(null, null, Set.of(DmCodec.KIND_NIP04), toMe, since, null, null, null));
  }

  /** The relay's NIP-43 member list. */
  public static Filter members(String relaySelfHex) {
    return new Filter(
        null,
        Set.of(relaySelfHex),
        Set.of(MembershipService.KIND_MEMBER_LIST),
        null,
        null,
        null,
        OptionalInt.of(1),
        null);
  }
}
