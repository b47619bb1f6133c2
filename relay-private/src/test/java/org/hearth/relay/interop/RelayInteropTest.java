package org.hearth.relay.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** nostr-tools (Node, interop/relay-private.mjs) as the client of a real relay. */
@QuarkusTest
class RelayInteropTest {
  @TestHTTPResource("/")
  URI root;

  static String secret(int n) {
    return "00".repeat(31) + String.format("%02x", n);
  }

  @Test
  void nostrToolsClientsAuthPublishQueryDeleteCountAndKeepGiftWrapsPrivate() throws Exception {
    Path repo = Path.of(System.getProperty("hearth.repo.root", "..")).toAbsolutePath();
    Path script = repo.resolve("interop/relay-private.mjs");
    String url = "ws://localhost:" + root.getPort() + "/family";
    Process p =
        new ProcessBuilder("node", script.toString(), url, secret(2), secret(3), secret(1))
            .redirectErrorStream(false)
            .start();
    byte[] out = p.getInputStream().readAllBytes();
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(err).isZero();
    JsonNode r = new ObjectMapper().readTree(out);
    assertThat(r.get("preAuth").asText()).startsWith("auth-required:");
    assertThat(r.get("auth").asBoolean()).isTrue();
    assertThat(r.get("note").asBoolean()).isTrue();
    assertThat(r.get("duplicate").asText()).startsWith("duplicate:");
    assertThat(r.get("profile").get(0).asText()).isEqualTo("{\"name\":\"new\"}");
    assertThat(r.get("profile")).hasSize(1);
    assertThat(r.get("countBefore").asInt()).isEqualTo(2);
    assertThat(r.get("deletion").asBoolean()).isTrue();
    assertThat(r.get("afterDelete")).hasSize(1);
    assertThat(r.get("afterDelete").get(0).asText()).isEqualTo("two");
    assertThat(r.get("countAfter").asInt()).isEqualTo(1);
    assertThat(r.get("wrap").asBoolean()).isTrue();
    assertThat(r.get("bobSeesWrap").asBoolean()).isTrue();
    assertThat(r.get("bobReads").asText()).isEqualTo("secret for bob");
    assertThat(r.get("ownerSeesWrap").asBoolean()).isFalse();
    assertThat(r.get("ownerById").asInt()).isZero();
    assertThat(r.get("anonymousReq").asText()).startsWith("auth-required:");
  }
}
