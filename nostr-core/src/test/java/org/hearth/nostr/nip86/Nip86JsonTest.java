package org.hearth.nostr.nip86;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Nip86JsonTest {
  private static final String PK = "ab".repeat(32);

  @Test
  void decodesARequestAndRoundTrips() {
    Nip86Request r =
        Nip86Json.decodeRequest("{\"method\":\"banpubkey\",\"params\":[\"" + PK + "\",\"spam\"]}");
    assertThat(r.method()).isEqualTo("banpubkey");
    Nip86Params p = r.params(Nip86Method.BAN_PUBKEY);
    assertThat(p.pubkey(0)).isEqualTo(PK);
    assertThat(p.optionalText(1)).contains("spam");
    assertThat(Nip86Json.decodeRequest(r.toJson())).isEqualTo(r);
  }

  @Test
  void buildsRequestsFromJavaValues() {
    Nip86Request r = Nip86Request.of(Nip86Method.ALLOW_KIND, 30078);
    assertThat(r.toJson()).isEqualTo("{\"method\":\"allowkind\",\"params\":[30078]}");
    assertThat(Nip86Request.of(Nip86Method.SUPPORTED_METHODS).toJson())
        .isEqualTo("{\"method\":\"supportedmethods\",\"params\":[]}");
    assertThat(Nip86Request.of(Nip86Method.BAN_PUBKEY, PK, Optional.empty()).toJson())
        .endsWith("null]}");
  }

  @Test
  void toleratesJsonRpcIdAndMissingParams() {
    Nip86Request r = Nip86Json.decodeRequest("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"x\"}");
    assertThat(r.params()).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "''|request body is empty",
        "not json|not valid JSON",
        "[1,2]|must be a JSON object, was an array",
        "{}|no \"method\"",
        "{\"method\":5}|\"method\" must be a string, was a number",
        "{\"method\":\"\"}|1 to 64 characters",
        "{\"method\":\"x\",\"params\":{}}|\"params\" must be an array, was an object",
        "{\"method\":\"x\",\"params\":[],\"evil\":1}|unknown field \"evil\"",
        "{\"method\":\"x\",\"method\":\"y\"}|not valid JSON",
        "{\"method\":\"x\"} {}|not valid JSON",
        "{\"method\":\"x\",\"params\":[}|not valid JSON"
      })
  void refusesMalformedRequestsSayingWhy(String body, String why) {
    assertThatThrownBy(() -> Nip86Json.decodeRequest(Nip86Json.bytes(body)))
        .isInstanceOf(Nip86Exception.class)
        .hasMessageContaining(why);
  }

  @Test
  void refusesOversizedBodies() {
    byte[] big = new byte[Nip86.MAX_BODY_BYTES + 1];
    assertThatThrownBy(() -> Nip86Json.decodeRequest(big)).hasMessageContaining("larger than");
  }

  @Test
  void refusesInvalidUtf8() {
    byte[] bad = {'{', '"', (byte) 0xC3, '"', '}'};
    assertThatThrownBy(() -> Nip86Json.decodeRequest(bad)).isInstanceOf(Nip86Exception.class);
  }

  @Test
  void decodesResponses() {
    Nip86Response ok = Nip86Json.decodeResponse("{\"result\":true}");
    assertThat(ok.isError()).isFalse();
    assertThat(ok.result().booleanValue()).isTrue();
    Nip86Response err = Nip86Json.decodeResponse("{\"result\":null,\"error\":\"nope\"}");
    assertThat(err.error()).contains("nope");
    assertThat(
            Nip86Json.decodeResponse(Nip86Response.ok(List.of(Map.of("pubkey", PK))).toJson())
                .result()
                .get(0)
                .get("pubkey")
                .textValue())
        .isEqualTo(PK);
    assertThatThrownBy(() -> Nip86Json.decodeResponse("{}")).hasMessageContaining("neither");
    assertThatThrownBy(() -> Nip86Json.decodeResponse("{\"error\":3}"))
        .hasMessageContaining("\"error\" must be a string");
  }

  @Test
  void everyMethodNameOfTheNipIsKnown() {
    List<String> nip =
        List.of(
            "supportedmethods",
            "banpubkey",
            "unbanpubkey",
            "listbannedpubkeys",
            "allowpubkey",
            "unallowpubkey",
            "listallowedpubkeys",
            "createrole",
            "editrole",
            "deleterole",
            "assignrole",
            "unassignrole",
            "listeventsneedingmoderation",
            "allowevent",
            "banevent",
            "listbannedevents",
            "changerelayname",
            "changerelaydescription",
            "changerelayicon",
            "allowkind",
            "disallowkind",
            "listallowedkinds",
            "blockip",
            "unblockip",
            "listblockedips");
    assertThat(java.util.Arrays.stream(Nip86Method.values()).map(Nip86Method::wireName))
        .containsExactlyInAnyOrderElementsOf(nip);
    assertThat(Nip86Method.fromWire("BANPUBKEY")).isEmpty();
  }

  @Test
  void hearthExtensionsDoNotShadowNipMethods() {
    for (HearthMethod m : HearthMethod.values()) {
      assertThat(Nip86Method.fromWire(m.wireName())).isEmpty();
      assertThat(RpcMethod.fromWire(m.wireName())).contains(m);
    }
    assertThat(RpcMethod.fromWire("banpubkey")).contains(Nip86Method.BAN_PUBKEY);
    assertThat(RpcMethod.fromWire("nosuchmethod")).isEmpty();
  }
}
