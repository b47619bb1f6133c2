package org.hearth.helm;

import static org.assertj.core.api.Assertions.assertThat;

import com.marcnuri.helm.Helm;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ChartTest {
  private static final Path CHART = Path.of("hearth");

  @Test
  void lintsClean() {
    var result = new Helm(CHART).lint().call();
    assertThat(result.isFailed()).as(String.join("\n", result.getMessages())).isFalse();
  }

  @Test
  void rendersTheRelayService() {
    String out =
        new Helm(CHART)
            .template()
            .withName("home")
            .withKubeVersion("1.30.0")
            .set("relay.port", "9000")
            .call();
    assertThat(out).contains("name: home-relay").contains("port: 9000");
  }
}
