package org.hearth.relay.ws;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.HexFormat;
import org.hearth.nostr.message.MessageCodec;
import org.hearth.nostr.message.RelayMessage;
import org.junit.jupiter.api.Test;

/** The OK frame built without the encoder is the frame the encoder builds, and decodes as one. */
class AcceptedFrameTest {
  @Test
  void sameAsTheEncoder() {
    byte[] id = new byte[32];
    new SecureRandom().nextBytes(id);
    String hex = HexFormat.of().formatHex(id);

    String frame = RelaySession.acceptedFrame(hex);

    assertThat(frame).isEqualTo(MessageCodec.encode(RelayMessage.Ok.accepted(hex)));
    assertThat(MessageCodec.decodeRelay(frame)).isEqualTo(new RelayMessage.Ok(hex, true, ""));
  }
}
