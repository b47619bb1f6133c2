package org.hearth.finetune.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.hearth.nostr.crypto.PrivateKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceKeyFileTest {
  private static final PrivateKey KEY = PrivateKey.fromHex("%064x".formatted(0x40));

  @TempDir Path dir;

  @Test
  void readsAnNsecOrHexFirstLine() throws Exception {
    Path nsec = Files.writeString(dir.resolve("a"), "\n  " + KEY.nsec() + "  \n# comment\n");
    Path hex = Files.writeString(dir.resolve("b"), KEY.hex().toUpperCase() + "\n");
    assertThat(ServiceKeyFile.read(nsec)).isEqualTo(KEY);
    assertThat(ServiceKeyFile.read(hex)).isEqualTo(KEY);
  }

  @Test
  void badFilesFailClearlyWithoutEchoingTheirContent() throws Exception {
    String secretish = "nsec1" + KEY.nsec().substring(6) + "x";
    Path bad = Files.writeString(dir.resolve("bad"), secretish + "\n");
    assertThatThrownBy(() -> ServiceKeyFile.read(bad))
        .isInstanceOf(DatasetException.class)
        .hasMessageContaining(bad.toString())
        .hasMessageNotContaining(secretish.substring(5, 30));
    Path empty = Files.writeString(dir.resolve("empty"), "\n\n");
    assertThatThrownBy(() -> ServiceKeyFile.read(empty)).hasMessageContaining("empty");
    assertThatThrownBy(() -> ServiceKeyFile.read(dir.resolve("missing")))
        .isInstanceOf(DatasetException.class)
        .hasMessageContaining("cannot read");
  }

  @Test
  void theRelayAddressIsOneSegmentUnderTheBase() throws Exception {
    RelayAddress a = RelayAddress.of(URI.create("wss://hearth.example/"), "family");
    assertThat(a.websocket()).isEqualTo(URI.create("wss://hearth.example/family"));
    assertThat(a.http()).isEqualTo(URI.create("https://hearth.example/family"));
    RelayAddress b = RelayAddress.of(URI.create("ws://127.0.0.1:7000"), "work_2");
    assertThat(b.http()).isEqualTo(URI.create("http://127.0.0.1:7000/work_2"));
    for (String bad : new String[] {"", "..", "family/../personal", "family?x", "a b", "%2e%2e"}) {
      assertThatThrownBy(() -> RelayAddress.of(URI.create("ws://h"), bad))
          .isInstanceOf(DatasetException.class);
    }
    assertThatThrownBy(() -> RelayAddress.of(URI.create("http://h"), "family"))
        .hasMessageContaining("ws://");
  }
}
