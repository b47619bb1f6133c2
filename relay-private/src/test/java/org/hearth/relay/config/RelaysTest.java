package org.hearth.relay.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.hearth.relay.access.Role;
import org.junit.jupiter.api.Test;

/** Per-relay overrides of the per-kind visibility and writer roles, read like at startup. */
class RelaysTest {
  private static final String OWNER =
      "79be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798";

  private static Map<String, RelaySettings> resolve(Map<String, String> extra) {
    Map<String, String> props = new HashMap<>();
    props.put("hearth.relay.owner", OWNER);
    props.put("hearth.relay.relays.family.name", "Family");
    props.put("hearth.relay.relays.work.name", "Work");
    props.putAll(extra);
    RelayConfig config =
        new SmallRyeConfigBuilder()
            .withMapping(RelayConfig.class)
            .withConverter(Duration.class, 100, new DurationConverter())
            .withSources(new PropertiesConfigSource(props, "test", 250))
            .build()
            .getConfigMapping(RelayConfig.class);
    return Relays.resolve(config);
  }

  @Test
  void defaultsCoverTheFinetuneKinds() {
    RelaySettings family = resolve(Map.of()).get("family");
    assertThat(family.visibilityOf(30970)).isEqualTo(Visibility.PARTIES);
    assertThat(family.visibilityOf(5970)).isEqualTo(Visibility.MEMBERS);
    assertThat(family.writersOf(5970))
        .containsExactlyInAnyOrder(Role.OWNER, Role.ADMIN, Role.SERVICE);
    assertThat(family.writersOf(7000)).containsExactly(Role.SERVICE);
    assertThat(family.writersOf(6970)).containsExactly(Role.SERVICE);
    assertThat(family.writersOf(30970)).containsExactly(Role.SERVICE);
    assertThat(family.writersOf(1)).isEmpty();
    assertThat(family.writePolicies()).contains("member-writer", "kind-writers");
  }

  @Test
  void oneRelayOverridesWithoutTouchingTheOthers() {
    Map<String, RelaySettings> r =
        resolve(
            Map.of(
                "hearth.relay.relays.family.visibility.\"30970\"", "author",
                "hearth.relay.relays.family.writers.\"5970\"", "owner, admin",
                "hearth.relay.relays.family.writers.\"7000\"", "any",
                "hearth.relay.relays.family.writers.\"30023\"", "member"));
    RelaySettings family = r.get("family");
    assertThat(family.visibilityOf(30970)).isEqualTo(Visibility.AUTHOR);
    assertThat(family.writersOf(5970)).isEqualTo(Set.of(Role.OWNER, Role.ADMIN));
    assertThat(family.writersOf(7000)).isEmpty();
    assertThat(family.writersOf(30023)).containsExactly(Role.MEMBER);
    assertThat(family.writersOf(30970)).containsExactly(Role.SERVICE);
    RelaySettings work = r.get("work");
    assertThat(work.visibilityOf(30970)).isEqualTo(Visibility.PARTIES);
    assertThat(work.writersOf(5970))
        .containsExactlyInAnyOrder(Role.OWNER, Role.ADMIN, Role.SERVICE);
    assertThat(work.writersOf(7000)).containsExactly(Role.SERVICE);
  }

  @Test
  void badWriterSettingsStopTheStartWithTheKey() {
    assertThatThrownBy(
            () -> resolve(Map.of("hearth.relay.relays.family.writers.\"5970\"", "owner,boss")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("hearth.relay.relays.family.writers")
        .hasMessageContaining("unknown role 'boss'")
        .hasMessageContaining("owner, admin, member, reader, service");
    assertThatThrownBy(
            () -> resolve(Map.of("hearth.relay.relays.family.writers.\"job\"", "service")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("not a kind number");
    assertThatThrownBy(() -> resolve(Map.of("hearth.relay.relays.family.writers.\"5970\"", " , ")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("any");
  }
}
