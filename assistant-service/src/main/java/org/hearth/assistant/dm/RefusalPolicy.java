package org.hearth.assistant.dm;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import org.hearth.assistant.config.AssistantConfig;
import org.hearth.assistant.db.Database;
import org.hearth.assistant.db.Jdbc;

/**
 * Non-members get one polite refusal per {@code refusal-interval}, then silence; and a relay's
 * assistant sends at most {@code refusals-per-minute} refusals in all (fresh keys are free, so a
 * flood of strangers must not turn the assistant into a spam cannon).
 */
@ApplicationScoped
public class RefusalPolicy {
  private final Jdbc jdbc;
  private final Clock clock;
  private final AssistantConfig.Dm config;
  private final RateLimiter global;

  public RefusalPolicy(Database db, Clock clock, AssistantConfig config) {
    this.jdbc = new Jdbc(db.dataSource());
    this.clock = clock;
    this.config = config.dm();
    this.global = new RateLimiter(clock, config.dm().refusalsPerMinute());
  }

  /** True when a refusal should be sent to {@code pubkey} now (and records it). */
  public boolean shouldRefuse(String relay, String pubkey) {
    long now = clock.instant().getEpochSecond();
    long before = now - config.refusalInterval().toSeconds();
    boolean due =
        jdbc.update(
                "recording a refusal",
                "INSERT INTO assistant.refusal (relay, pubkey, refused_at) VALUES (?, ?, ?)"
                    + " ON CONFLICT (relay, pubkey) DO UPDATE SET refused_at = EXCLUDED.refused_at"
                    + " WHERE assistant.refusal.refused_at <= ?",
                Jdbc.values(relay, pubkey, now, before))
            > 0;
    return due && global.tryAcquire(relay);
  }
}
