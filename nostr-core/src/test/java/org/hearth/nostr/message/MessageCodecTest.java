package org.hearth.nostr.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.OptionalInt;
import org.hearth.nostr.DecodeException;
import org.hearth.nostr.crypto.LocalSigner;
import org.hearth.nostr.event.Event;
import org.hearth.nostr.event.EventTemplate;
import org.hearth.nostr.filter.Filter;
import org.hearth.nostr.filter.FilterJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MessageCodecTest {
  static final String ID = "abababababababababababababababababababababababababababababababab";
  final Event event =
      LocalSigner.generate()
          .sign(EventTemplate.of(1, List.of(List.of("t", "x")), "hi \"you\"\n\u0001"));

  private static Filter limit(int n) {
    return new Filter(null, null, null, null, null, null, OptionalInt.of(n), null);
  }

  @Test
  void clientMessagesRoundTrip() {
    List<ClientMessage> all =
        List.of(
            new ClientMessage.Publish(event),
            new ClientMessage.Req("sub \"1\"", List.of(Filter.all(), limit(3))),
            new ClientMessage.Close("sub"),
            new ClientMessage.Auth(event),
            new ClientMessage.Count("c", List.of(limit(0))));
    for (ClientMessage m : all) {
      assertThat(MessageCodec.decodeClient(MessageCodec.encode(m))).isEqualTo(m);
    }
  }

  @Test
  void relayMessagesRoundTrip() {
    List<RelayMessage> all =
        List.of(
            new RelayMessage.Delivery("s", event),
            RelayMessage.Ok.accepted(ID),
            RelayMessage.Ok.rejected(ID, Prefix.INVALID, "bad \\ sig"),
            new RelayMessage.Eose("s"),
            new RelayMessage.Closed("s", "auth-required: who are you?"),
            new RelayMessage.Notice("hello\tthere"),
            new RelayMessage.AuthChallenge("challenge-1"),
            new RelayMessage.CountResult("s", 42, false),
            new RelayMessage.CountResult("s", 7, true));
    for (RelayMessage m : all) {
      assertThat(MessageCodec.decodeRelay(MessageCodec.encode(m))).isEqualTo(m);
    }
  }

  @Test
  void encodesTheExactWireForm() {
    assertThat(MessageCodec.encode(new ClientMessage.Req("s", List.of(limit(2), Filter.all()))))
        .isEqualTo("[\"REQ\",\"s\",{\"limit\":2},{}]");
    assertThat(MessageCodec.encode(new ClientMessage.Close("s"))).isEqualTo("[\"CLOSE\",\"s\"]");
    assertThat(MessageCodec.encode(RelayMessage.Ok.rejected(ID, Prefix.DUPLICATE, "seen")))
        .isEqualTo("[\"OK\",\"" + ID + "\",false,\"duplicate: seen\"]");
    assertThat(MessageCodec.encode(new RelayMessage.CountResult("q", 5, true)))
        .isEqualTo("[\"COUNT\",\"q\",{\"count\":5,\"approximate\":true}]");
    assertThat(MessageCodec.encode(new RelayMessage.Delivery("s", event)))
        .isEqualTo("[\"EVENT\",\"s\"," + event.toJson() + "]");
  }

  @Test
  void decodesWhatOtherImplementationsSend() {
    var req =
        (ClientMessage.Req)
            MessageCodec.decodeClient(
                "[ \"REQ\" , \"feed\", {\"kinds\":[1],\"limit\":10}, {\"#p\":[\"" + ID + "\"]} ]");
    assertThat(req.subscriptionId()).isEqualTo("feed");
    assertThat(req.filters()).hasSize(2);
    assertThat(req.filters().get(1)).isEqualTo(FilterJson.parse("{\"#p\":[\"" + ID + "\"]}"));
    var count =
        (RelayMessage.CountResult)
            MessageCodec.decodeRelay(
                "[\"COUNT\",\"q\",{\"count\":12,\"hll\":\"" + "0".repeat(512) + "\"}]");
    assertThat(count).isEqualTo(new RelayMessage.CountResult("q", 12, false));
    var ok =
        (RelayMessage.Ok) MessageCodec.decodeRelay("[\"OK\",\"" + ID + "\",false,\"pow: 20\"]");
    assertThat(ok.prefix()).contains(Prefix.POW);
    assertThat(ok.accepted()).isFalse();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "[\"REQ\",\"s\",{},{\"limit\":-1}]|REQ: filter 2: 'limit' must be a non-negative integer",
        "[\"REQ\",\"s\"]|REQ: at least one filter is required",
        "[\"REQ\"]|REQ: expected at least 3 elements, got 1",
        "[\"REQ\",\"\",{}]|REQ: subscription id must not be empty",
        "[\"REQ\",7,{}]|REQ: subscription id must be a string",
        "[\"REQ\",\"s\",[]]|REQ: filter 1: a filter must be a JSON object",
        "[\"COUNT\",\"s\",{\"x\":1}]|COUNT: filter 1: unknown key 'x'",
        "[\"CLOSE\"]|CLOSE: expected 2 elements, got 1",
        "[\"CLOSE\",\"a\",\"b\",{}]|CLOSE: expected 2 elements, got 4",
        "[\"EVENT\"]|EVENT: expected 2 elements, got 1",
        "[\"EVENT\",\"x\"]|EVENT: the event must be a JSON object",
        "[\"EVENT\",{\"id\":\"x\"}]|EVENT: event has no pubkey",
        "[\"AUTH\",{\"kind\":\"1\"}]|AUTH: kind must be an integer",
        "[\"HELLO\"]|unknown message type 'HELLO'",
        "[]|a message must not be an empty array",
        "[1]|the first element of a message must be its type as a string",
        "{}|a message must be a JSON array",
        "[\"CLOSE\",\"a\"]x|malformed JSON",
        "[\"CLOSE\",\"a\"] []|unexpected content after the message",
        "[\"CLOSE\",\"a\"|malformed JSON",
        "``|a message must be a JSON array",
      })
  void clientErrorsSayWhatIsWrong(String frame, String message) {
    assertThatThrownBy(() -> MessageCodec.decodeClient(frame))
        .isInstanceOf(DecodeException.class)
        .hasMessageContaining(message);
  }

  @Test
  void subscriptionIdsAreAtMost64Characters() {
    String ok = "s".repeat(64);
    assertThat(MessageCodec.decodeClient("[\"CLOSE\",\"" + ok + "\"]"))
        .isEqualTo(new ClientMessage.Close(ok));
    assertThatThrownBy(() -> MessageCodec.decodeClient("[\"CLOSE\",\"" + ok + "s\"]"))
        .isInstanceOf(DecodeException.class)
        .hasMessage("CLOSE: subscription id must be at most 64 characters, got 65");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "[\"OK\",\"abc\",true,\"\"]|OK: event id must be 64 lower-case hex characters",
        "[\"OK\",\"" + ID + "\",\"true\",\"\"]|OK: the accepted flag must be true or false",
        "[\"OK\",\"" + ID + "\",true]|OK: expected 4 elements, got 3",
        "[\"OK\",\"" + ID + "\",true,null]|OK: message must be a string",
        "[\"EOSE\",\"s\",1]|EOSE: expected 2 elements, got 3",
        "[\"CLOSED\",\"s\"]|CLOSED: expected 3 elements, got 2",
        "[\"NOTICE\",{}]|NOTICE: message must be a string",
        "[\"AUTH\",{}]|AUTH: challenge must be a string",
        "[\"EVENT\",\"s\"]|EVENT: expected 3 elements, got 2",
        "[\"EVENT\",\"s\",{\"id\":1}]|EVENT: id must be a string",
        "[\"COUNT\",\"s\",5]|COUNT: the result must be a JSON object",
        "[\"COUNT\",\"s\",{}]|COUNT: the result has no 'count'",
        "[\"COUNT\",\"s\",{\"count\":-1}]|COUNT: 'count' must be a non-negative integer",
        "[\"COUNT\",\"s\",{\"count\":1.0}]|COUNT: 'count' must be a non-negative integer",
        "[\"COUNT\",\"s\",{\"count\":1,\"approximate\":1}]|COUNT: 'approximate' must be true or false",
        "[\"COUNT\",\"s\",{\"count\":1,\"hll\":\"zz\"}]|COUNT: 'hll' must be 512 lower-case hex",
        "[\"COUNT\",\"s\",{\"count\":1,\"n\":2}]|COUNT: unknown key 'n' in the result",
        "[\"REQ\",\"s\",{}]|unknown message type 'REQ'",
      })
  void relayErrorsSayWhatIsWrong(String frame, String message) {
    assertThatThrownBy(() -> MessageCodec.decodeRelay(frame))
        .isInstanceOf(DecodeException.class)
        .hasMessageContaining(message);
  }

  @Test
  void decodingDoesNotValidateSignaturesSoARelayCanAnswerOk() {
    Event forged =
        new Event(
            event.id(),
            event.pubkey(),
            event.createdAt(),
            event.kind(),
            event.tags(),
            "other",
            event.sig());
    var m =
        (ClientMessage.Publish) MessageCodec.decodeClient("[\"EVENT\"," + forged.toJson() + "]");
    assertThat(m.event().verify()).isFalse();
  }

  @Test
  void nullFramesAreDecodeErrors() {
    assertThatThrownBy(() -> MessageCodec.decodeClient(null)).isInstanceOf(DecodeException.class);
    assertThatThrownBy(() -> MessageCodec.decodeRelay(null)).isInstanceOf(DecodeException.class);
  }
}
