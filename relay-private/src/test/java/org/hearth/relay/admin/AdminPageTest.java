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
import org.junit.jupiter.api.Test;

/**
 * The admin page end to end in real headless Chromium (interop/admin-page.mjs, playwright-core):
 * sign in with a NIP-07 shim, add a member who can then write, remove them and they cannot, a
 * non-admin sees a clear refusal, a pasted key signs in too. Screenshots in
 * target/admin-screenshots/.
 */
@QuarkusTest
class AdminPageTest {
  @TestHTTPResource("/")
  URI root;

  @Test
  void signInAddAndRemoveMembersAndRefuseNonAdmins() throws Exception {
    Path repo = Path.of(System.getProperty("hearth.repo.root"));
    Path interop = repo.resolve("interop");
    assertThat(interop.resolve("node_modules/playwright-core"))
        .as("run `npm ci` in interop/")
        .isDirectory();
    assertThat(Path.of("/usr/bin/chromium")).as("apt-get install -y chromium").exists();
    Path shots = Path.of("target", "admin-screenshots").toAbsolutePath();
    Process p =
        new ProcessBuilder(
                "node",
                interop.resolve("admin-page.mjs").toString(),
                "http://localhost:" + root.getPort(),
                OWNER.privateKey().hex(),
                ALICE.privateKey().hex(),
                shots.toString())
            .directory(interop.toFile())
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    if (!p.waitFor(180, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("the browser test did not finish within 180 s");
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    assertThat(p.exitValue()).as(out).isZero();
    JsonNode f = new ObjectMapper().readTree(out).get("findings");
    assertThat(f.get("ownerSignedIn").textValue()).isEqualTo(OWNER.publicKey().npub());
    assertThat(f.get("beforeAdd").get("message").textValue()).startsWith("restricted:");
    assertThat(f.get("afterAdd").get("accepted").booleanValue()).isTrue();
    assertThat(f.get("afterRemove").get("accepted").booleanValue()).isFalse();
    assertThat(f.get("afterRemove").get("message").textValue()).startsWith("restricted:");
    assertThat(f.get("refusal").textValue()).contains("a member of /family, not an owner or admin");
    assertThat(f.get("memberSeesAdmin").booleanValue()).isFalse();
    assertThat(f.get("memberSeesAccessLog").booleanValue()).isTrue();
    assertThat(f.get("pastedKeySignedIn").textValue()).isEqualTo(OWNER.publicKey().npub());
    try (var files = Files.list(shots)) {
      assertThat(files.map(x -> x.getFileName().toString()))
          .contains("03-member-added.png", "05-non-admin-refused.png");
    }
  }
}
