package org.hearth.assistant.dm;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;
import org.hearth.assistant.testing.MutableClock;
import org.hearth.assistant.testing.OllamaResource;
import org.hearth.assistant.testing.PostgresResource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(OllamaResource.class)
class ProcessedMessagesTest {
  @Inject ProcessedMessages processed;
  @Inject MutableClock clock;

  @AfterEach
  void tearDown() {
    clock.reset();
  }

  @Test
  void aDoneMessageIsNeverClaimedAgain() {
    String id = UUID.randomUUID().toString();
    assertThat(processed.claim("family", id)).isTrue();
    processed.done("family", id);
    clock.advance(Duration.ofDays(3));
    assertThat(processed.claim("family", id)).isFalse();
    assertThat(processed.claim("work", id)).isTrue(); // another relay's assistant is separate
  }

  @Test
  void aClaimLeftByACrashedProcessIsTakenOverOnceStale() {
    String id = UUID.randomUUID().toString();
    assertThat(processed.claim("family", id)).isTrue();
    assertThat(processed.claim("family", id)).isFalse(); // being answered right now
    clock.advance(ProcessedMessages.STALE.plusMinutes(1));
    assertThat(processed.claim("family", id)).isTrue();
  }

  @Test
  void aReleasedClaimCanBeClaimedAtOnce() {
    String id = UUID.randomUUID().toString();
    assertThat(processed.claim("family", id)).isTrue();
    processed.release("family", id);
    assertThat(processed.claim("family", id)).isTrue();
  }
}
