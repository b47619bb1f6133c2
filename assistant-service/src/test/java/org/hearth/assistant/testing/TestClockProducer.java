package org.hearth.assistant.testing;

import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/** Replaces the application clock in Quarkus tests with a {@link MutableClock}. */
@Singleton
public class TestClockProducer {
  private final MutableClock clock = new MutableClock();

  @Produces
  @Singleton
  @Alternative
  @Priority(1)
  Clock clock() {
    return clock;
  }

  @Produces
  @Singleton
  MutableClock mutableClock() {
    return clock;
  }
}
