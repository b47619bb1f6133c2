package org.hearth.assistant.relay;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.hearth.assistant.app.AssistantKeys;
import org.hearth.assistant.config.AssistantConfig;
import org.hearth.assistant.nostr.Nip19;
import org.hearth.assistant.testing.OllamaResource;
import org.hearth.assistant.testing.PostgresResource;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(OllamaResource.class)
class StartupTest {
  @Inject AssistantConfig config;
  @Inject AssistantKeys keys;
  @Inject RelayLinks links;

  @Test
  void everyAssistantHasItsOwnKeyFileFromStartup() throws Exception {
    for (String relay : config.relays()) {
      Path file = config.keysDir().resolve(relay + ".nsec");
      assertThat(file).exists();
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
          .isEqualTo("rw-------");
      assertThat(Nip19.parsePrivateKey(Files.readString(file)).publicKey())
          .isEqualTo(keys.signerFor(relay).publicKey());
    }
    assertThat(keys.signerFor("family").publicKey())
        .isNotEqualTo(keys.signerFor("work").publicKey());
  }

  @Test
  void testsDoNotConnectToAnyRelay() {
    assertThat(config.connect()).isFalse();
    assertThat(links.links()).isEmpty();
  }

  @Test
  void anUnreachableRelayHasNoSelfKey() {
    try (HttpClient http = HttpClient.newHttpClient()) {
      assertThat(RelayInfo.self(http, "ws://127.0.0.1:1/family", Duration.ofSeconds(2))).isEmpty();
    }
  }
}
