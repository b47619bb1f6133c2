package org.hearth.relay.admin;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Relay administration ({@code hearth.admin.*}): the NIP-86 API, NIP-43 membership events and
 * invites. Read at startup.
 */
@ConfigMapping(prefix = "hearth.admin")
public interface AdminConfig {
  /**
   * File holding the relays' own secret key (hex, mode 0600), created when absent. Its public key
   * is NIP-11's {@code self} and signs NIP-43 membership lists. Default: {@code
   * hearth-data/relay-self.key}.
   */
  @WithDefault("hearth-data/relay-self.key")
  Path relayKeyFile();

  /** Accepted clock difference of NIP-98 events, in seconds. Default: 60. */
  @WithDefault("60s")
  Duration authWindow();

  /** Lifetime of an invite when the admin gives none. Default: 7 days. */
  @WithDefault("7d")
  Duration inviteLifetime();

  /** Longest invite lifetime an admin may ask for. Default: 90 days. */
  @WithDefault("90d")
  Duration maxInviteLifetime();

  /** How far a NIP-43 join or leave request's created_at may be from now. Default: 5 minutes. */
  @WithDefault("5m")
  Duration joinWindow();

  /** Most audit entries one list call returns. Default: 500. */
  @WithDefault("500")
  int maxAuditEntries();
}
