package org.hearth.relay.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hearth.relay.support.TestKeys.ALICE;
import static org.hearth.relay.support.TestKeys.OWNER;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.hearth.nostr.crypto.LocalSigner;
import org.hearth.nostr.nip86.Nip86Method;
import org.junit.jupiter.api.Test;

/** A NIP-86 request signed with nostr-tools' nip98 helper (under Node) is accepted. */
@QuarkusTest
class Nip86InteropTest {
  @TestHTTPResource("/")
  URI root;

  private JsonNode node(LocalSigner signer, String method, String params) throws Exception {
    Path dir = Path.of(System.getProperty("hearth.repo.root"), "interop");
    if (!Files.isDirectory(dir.resolve("node_modules/nostr-tools"))) {
      throw new AssertionError("interop/node_modules is missing: run `npm ci` in interop/");
    }
    String url = "http://localhost:" + root.getPort() + "/family";
    Process p =
        new ProcessBuilder(
                "node",
                dir.resolve("nip86-admin.mjs").toString(),
                url,
                signer.privateKey().hex(),
                method,
                params)
            .directory(dir.toFile())
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("node did not finish");
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.exitValue()).as(out).isZero();
    return new ObjectMapper().readTree(out);
  }

  @Test
  void nostrToolsSignedRequestsAreAccepted() throws Exception {
    LocalSigner x = AdminApi.freshKey();
    String pk = x.publicKey().hex();
    JsonNode r = node(OWNER, "allowpubkey", "[\"" + pk + "\",\"from nostr-tools\"]");
    assertThat(r.get("status").intValue()).isEqualTo(200);
    assertThat(r.get("body").get("result").booleanValue()).isTrue();
    JsonNode allowed =
        new AdminApi(root.getPort()).call("family", OWNER, Nip86Method.LIST_ALLOWED_PUBKEYS);
    assertThat(allowed.findValuesAsText("pubkey")).contains(pk);

    JsonNode methods = node(OWNER, "supportedmethods", "[]");
    assertThat(methods.get("body").get("result").toString()).contains("banpubkey");

    JsonNode member = node(ALICE, "banpubkey", "[\"" + pk + "\"]");
    assertThat(member.get("status").intValue()).isEqualTo(403);
    assertThat(member.get("body").get("error").textValue()).startsWith("restricted:");
    new AdminApi(root.getPort()).call("family", OWNER, Nip86Method.UNALLOW_PUBKEY, pk);
  }
}
