package org.hearth.relay.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.hearth.nostr.message.Prefix;
import org.junit.jupiter.api.Test;

class PolicyChainTest {
  static final WritePolicy ACCEPT = c -> PolicyResult.ACCEPT;
  static final WritePolicy SHADOW = c -> new PolicyResult.ShadowReject("spam");
  static final WritePolicy BLOCK = c -> PolicyResult.reject(Prefix.BLOCKED, "no");

  @Test
  void firstNonAcceptDecides() {
    Map<String, WritePolicy> catalog = Map.of("a", ACCEPT, "s", SHADOW, "b", BLOCK);
    assertThat(PolicyChain.of(List.of("a", "b", "s"), catalog).check(null))
        .isEqualTo(new PolicyResult.Reject(Prefix.BLOCKED, "no"));
    assertThat(PolicyChain.of(List.of("a", "s", "b"), catalog).check(null))
        .isInstanceOf(PolicyResult.ShadowReject.class);
    assertThat(PolicyChain.of(List.of("a"), catalog).check(null)).isEqualTo(PolicyResult.ACCEPT);
  }

  @Test
  void unknownPolicyNamesAreRefusedWithTheKnownOnes() {
    assertThatThrownBy(() -> PolicyChain.of(List.of("nope"), WritePolicies.BUILT_IN))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("nope")
        .hasMessageContaining("member-writer");
  }
}
