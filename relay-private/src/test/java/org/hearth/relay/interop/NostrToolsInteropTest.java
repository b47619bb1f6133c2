package org.hearth.relay.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import org.hearth.nostr.testkit.NodeScript;
import org.junit.jupiter.api.Test;

/**
 * The relay driven by a real, widely used client: nostr-tools' {@code Relay} and {@code SimplePool}
 * under Node ({@code interop/relay-*.mjs}), against the relay on its random test port. Each script
 * prints {@code ok - <check>} per passing check and exits non-zero on any failure.
 */
@QuarkusTest
class NostrToolsInteropTest {
  @TestHTTPResource("/")
  URI root;

  private String base() {
    return "ws://localhost:" + root.getPort();
  }

  @Test
  void authPublishSubscribeReplaceableDeletionAndCount() {
    NodeScript.Result r = NodeScript.run("relay-nip01.mjs", 180, base());
    assertThat(r.exitCode()).as(r.output()).isZero();
    assertThat(r.passed()).as(r.output()).hasSize(10);
  }

  @Test
  void giftWrapsReachOnlyTheirRecipients() {
    NodeScript.Result r = NodeScript.run("relay-giftwrap.mjs", 120, base());
    assertThat(r.exitCode()).as(r.output()).isZero();
    assertThat(r.passed()).as(r.output()).hasSize(5);
  }
}
