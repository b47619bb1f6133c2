package org.hearth.relay.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hearth.relay.support.TestKeys.ALICE;
import static org.hearth.relay.support.TestKeys.CAROL;
import static org.hearth.relay.support.TestKeys.OWNER;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.hearth.nostr.crypto.LocalSigner;
import org.hearth.nostr.event.EventTemplate;
import org.hearth.nostr.nip86.HearthMethod;
import org.hearth.nostr.nip86.Nip86Method;
import org.hearth.nostr.nip86.Nip86Request;
import org.hearth.nostr.nip98.Nip98;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Authorization and JSON-RPC hygiene of the management endpoint: refusals change nothing. */
@QuarkusTest
class ManagementAuthTest {
  @TestHTTPResource("/")
  URI root;

  AdminApi api;
  final String victim = AdminApi.freshKey().publicKey().hex();

  @BeforeEach
  void setUp() {
    api = new AdminApi(root.getPort());
  }

  private String body() {
    return Nip86Request.of(Nip86Method.BAN_PUBKEY, victim, "test").toJson();
  }

  private String header(LocalSigner s, String url, String method, String payloadOf, long at) {
    List<List<String>> tags = new ArrayList<>();
    tags.add(List.of("u", url));
    tags.add(List.of("method", method));
    if (payloadOf != null) {
      tags.add(List.of("payload", Nip98.sha256Hex(payloadOf.getBytes(StandardCharsets.UTF_8))));
    }
    return Nip98.header(s.sign(new EventTemplate(Nip98.HTTP_AUTH_KIND, tags, "", at)));
  }

  private long now() {
    return Instant.now().getEpochSecond();
  }

  private void notBanned() {
    JsonNode banned = api.call("family", OWNER, Nip86Method.LIST_BANNED_PUBKEYS);
    assertThat(banned.findValuesAsText("pubkey")).doesNotContain(victim);
  }

  @Test
  void supportedMethodsListsEveryNipMethod() {
    JsonNode r = api.call("family", OWNER, Nip86Method.SUPPORTED_METHODS);
    List<String> names = new ArrayList<>();
    r.forEach(n -> names.add(n.textValue()));
    for (Nip86Method m : Nip86Method.values()) {
      assertThat(names).contains(m.wireName());
    }
    for (HearthMethod m : HearthMethod.values()) {
      assertThat(names).contains(m.wireName());
    }
  }

  @Test
  void withoutAuthorizationIs401() {
    AdminApi.Raw r = api.raw("family", null, body());
    assertThat(r.status()).isEqualTo(401);
    assertThat(r.error()).isEqualTo("unauthorized: no Authorization header");
    notBanned();
  }

  @Test
  void wrongPayloadHashIs401() {
    String b = body();
    AdminApi.Raw r = api.raw("family", header(OWNER, api.url("family"), "POST", b + " ", now()), b);
    assertThat(r.status()).isEqualTo(401);
    assertThat(r.error()).contains("payload tag is not the body's SHA-256");
    r = api.raw("family", header(OWNER, api.url("family"), "POST", null, now()), b);
    assertThat(r.status()).isEqualTo(401);
    assertThat(r.error()).contains("no payload tag");
    notBanned();
  }

  @Test
  void expiredOrFutureEventsAre401() {
    String b = body();
    AdminApi.Raw old =
        api.raw("family", header(OWNER, api.url("family"), "POST", b, now() - 600), b);
    assertThat(old.status()).isEqualTo(401);
    assertThat(old.error()).contains("created_at");
    AdminApi.Raw future =
        api.raw("family", header(OWNER, api.url("family"), "POST", b, now() + 600), b);
    assertThat(future.status()).isEqualTo(401);
    notBanned();
  }

  @Test
  void replayedEventsAre401() {
    String b = Nip86Request.of(Nip86Method.LIST_BANNED_PUBKEYS).toJson();
    String h = header(OWNER, api.url("family"), "POST", b, now());
    assertThat(api.raw("family", h, b).status()).isEqualTo(200);
    AdminApi.Raw again = api.raw("family", h, b);
    assertThat(again.status()).isEqualTo(401);
    assertThat(again.error()).contains("replay");
  }

  @Test
  void wrongUrlOrMethodOrKindIs401() {
    String b = body();
    assertThat(api.raw("family", header(OWNER, api.url("work"), "POST", b, now()), b).error())
        .contains("u tag is not the request URL");
    assertThat(api.raw("family", header(OWNER, api.url("family"), "GET", b, now()), b).error())
        .contains("method tag");
    assertThat(api.raw("family", "Nostr not-base64!", b).status()).isEqualTo(401);
    assertThat(api.raw("family", "Bearer abc", b).error()).contains("scheme must be Nostr");
    notBanned();
  }

  @Test
  void theWebsocketAndPublicUrlFormsAreAccepted() {
    String b = Nip86Request.of(Nip86Method.LIST_BANNED_PUBKEYS).toJson();
    String ws = api.url("family").replace("http://", "ws://");
    assertThat(api.raw("family", header(OWNER, ws, "POST", b, now()), b).status()).isEqualTo(200);
    String pub = "wss://hearth.example/family";
    assertThat(api.raw("family", header(OWNER, pub, "POST", b, now() - 1), b).status())
        .isEqualTo(200);
  }

  @Test
  void nonAdminsAreRefusedAndNothingChanges() {
    String b = body();
    AdminApi.Raw member = api.raw("family", header(ALICE, api.url("family"), "POST", b, now()), b);
    assertThat(member.status()).isEqualTo(403);
    assertThat(member.error())
        .isEqualTo("restricted: only the owner and admins of /family may use its management API");
    AdminApi.Raw stranger =
        api.raw("family", header(CAROL, api.url("family"), "POST", b, now()), b);
    assertThat(stranger.status()).isEqualTo(403);
    notBanned();
    JsonNode access = api.call("family", OWNER, HearthMethod.LIST_ADMIN_ACCESS, 50);
    assertThat(access.findValuesAsText("actor")).contains(CAROL.publicKey().hex());
  }

  @Test
  void badJsonRpcIs400WithAClearError() {
    for (String[] c :
        new String[][] {
          {"not json", "not valid JSON"},
          {"[1]", "must be a JSON object"},
          {"{\"params\":[]}", "no \"method\""},
          {"{\"method\":\"banpubkey\",\"params\":{}}", "\"params\" must be an array"}
        }) {
      AdminApi.Raw r =
          api.raw("family", header(OWNER, api.url("family"), "POST", c[0], now()), c[0]);
      assertThat(r.status()).as(c[0]).isEqualTo(400);
      assertThat(r.error()).as(c[0]).startsWith("invalid: ").contains(c[1]);
    }
    AdminApi.Raw wrongType = api.raw("family", "text/plain", null, "{}");
    assertThat(wrongType.status()).isEqualTo(415);
  }

  @Test
  void unknownMethodsAndBadParamsAreErrors() {
    String unknown = "{\"method\":\"dropalltables\",\"params\":[]}";
    AdminApi.Raw r =
        api.raw("family", header(OWNER, api.url("family"), "POST", unknown, now()), unknown);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.error()).isEqualTo("invalid: unknown method \"dropalltables\"");
    String bad = "{\"method\":\"banpubkey\",\"params\":[\"npub1abc\"]}";
    r = api.raw("family", header(OWNER, api.url("family"), "POST", bad, now()), bad);
    assertThat(r.error())
        .isEqualTo("invalid: banpubkey: parameter 1 must be a public key (64 hex characters)");
    String many = "{\"method\":\"allowkind\",\"params\":[1,2]}";
    r = api.raw("family", header(OWNER, api.url("family"), "POST", many, now()), many);
    assertThat(r.error()).isEqualTo("invalid: allowkind takes 1 parameter(s), got 2");
    notBanned();
  }

  @Test
  void unknownRelayIs404() {
    String b = body();
    assertThat(api.raw("nope", header(OWNER, api.url("nope"), "POST", b, now()), b).status())
        .isEqualTo(404);
  }
}
