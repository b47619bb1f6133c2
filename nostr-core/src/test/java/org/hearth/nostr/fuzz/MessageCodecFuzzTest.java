package org.hearth.nostr.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.hearth.nostr.DecodeException;
import org.hearth.nostr.message.MessageCodec;

/** Both directions of the wire codec never fail with anything but a typed, explained error. */
class MessageCodecFuzzTest {

  private static void both(String s) {
    Fuzz.onlyTypedErrors(s, () -> MessageCodec.decodeClient(s));
    Fuzz.onlyTypedErrors(s, () -> MessageCodec.decodeRelay(s));
  }

  @Property(tries = 2000)
  void randomStrings(@ForAll(supplier = Fuzz.Strings.class) String s) {
    both(s);
  }

  @Property
  void randomBytes(@ForAll(supplier = Fuzz.Bytes.class) String s) {
    both(s);
  }

  @Property(tries = 3000)
  void mutatedFrames(@ForAll("mutations") String s) {
    both(s);
  }

  @Provide
  Arbitrary<String> mutations() {
    List<String> all = new ArrayList<>(Samples.CLIENT_FRAMES);
    all.addAll(Samples.RELAY_FRAMES);
    return Fuzz.mutationsOf(all);
  }

  @Example
  void samplesDecodeAndReEncodeIdentically() {
    for (String frame : Samples.CLIENT_FRAMES) {
      assertThat(MessageCodec.encode(MessageCodec.decodeClient(frame))).isEqualTo(frame);
    }
    for (String frame : Samples.RELAY_FRAMES) {
      assertThat(MessageCodec.encode(MessageCodec.decodeRelay(frame))).isEqualTo(frame);
    }
  }

  @Example
  void everyTruncationIsRejected() {
    for (String frame : Samples.CLIENT_FRAMES) {
      for (int i = 0; i < frame.length(); i++) {
        String prefix = frame.substring(0, i);
        Fuzz.mustReject(prefix, () -> MessageCodec.decodeClient(prefix));
      }
    }
    for (String frame : Samples.RELAY_FRAMES) {
      for (int i = 0; i < frame.length(); i++) {
        String prefix = frame.substring(0, i);
        Fuzz.mustReject(prefix, () -> MessageCodec.decodeRelay(prefix));
      }
    }
  }

  @Example
  void oversizedFieldsAndDeepNestingAreRejected() {
    String longId = "s".repeat(1_000_000);
    assertThatThrownBy(() -> MessageCodec.decodeClient("[\"CLOSE\",\"" + longId + "\"]"))
        .isInstanceOf(DecodeException.class)
        .hasMessage("CLOSE: subscription id must be at most 64 characters, got 1000000");
    String deep = "[\"REQ\",\"s\"," + "[".repeat(100_000) + "]".repeat(100_000) + "]";
    assertThatThrownBy(() -> MessageCodec.decodeClient(deep))
        .isInstanceOf(DecodeException.class)
        .hasMessage("REQ: filter 1: a filter must be a JSON object");
    String deepTail = "[\"CLOSE\",\"s\"," + "[".repeat(100_000) + "]".repeat(100_000) + "]";
    assertThatThrownBy(() -> MessageCodec.decodeClient(deepTail))
        .isInstanceOf(DecodeException.class)
        .hasMessageContaining("nesting depth");
    String huge = "[\"COUNT\",\"s\",{\"count\":" + "9".repeat(40) + "}]";
    assertThatThrownBy(() -> MessageCodec.decodeRelay(huge))
        .isInstanceOf(DecodeException.class)
        .hasMessageContaining("Number value length");
    String big = "[\"COUNT\",\"s\",{\"count\":" + "9".repeat(25) + "}]";
    assertThatThrownBy(() -> MessageCodec.decodeRelay(big))
        .isInstanceOf(DecodeException.class)
        .hasMessage("COUNT: 'count' must be a non-negative integer");
  }
}
