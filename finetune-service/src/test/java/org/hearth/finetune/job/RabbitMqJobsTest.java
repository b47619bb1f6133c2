package org.hearth.finetune.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hearth.finetune.config.FinetuneConfig;
import org.hearth.finetune.config.MessagingMode;
import org.hearth.finetune.testing.Api;
import org.hearth.finetune.testing.FinetuneTestResource;
import org.hearth.finetune.testing.TestKeys;
import org.junit.jupiter.api.Test;

/** The job channel through the machine's RabbitMQ (127.0.0.1:5672, guest/guest). */
@QuarkusTest
@WithTestResource(FinetuneTestResource.class)
@TestProfile(RabbitMqJobsTest.Rabbit.class)
class RabbitMqJobsTest {
  /** messaging=rabbitmq with a queue of this run's own. */
  public static class Rabbit implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "hearth.finetune.messaging.mode", "rabbitmq",
          "hearth.finetune.messaging.host", "127.0.0.1",
          "hearth.finetune.messaging.queue", "hearth.finetune.jobs.test-" + UUID.randomUUID());
    }
  }

  @Inject JobService jobs;
  @Inject FinetuneConfig config;

  @ConfigProperty(name = "mp.messaging.incoming.finetune-jobs-in.connector")
  String connector;

  @ConfigProperty(name = "mp.messaging.incoming.finetune-jobs-in.queue.name")
  String queue;

  @Test
  void jobsTravelThroughTheBrokerAndRun() throws JobRequestException {
    assertThat(config.messaging().mode()).isEqualTo(MessagingMode.RABBITMQ);
    assertThat(connector).isEqualTo("smallrye-rabbitmq");
    assertThat(queue).startsWith("hearth.finetune.jobs.test-");
    String admin = TestKeys.ADMIN.publicKey().hex();
    UUID first = submit(admin);
    UUID second = submit(admin);
    for (UUID id : new UUID[] {first, second}) {
      Job done = Api.await(() -> jobs.find(id).orElseThrow(), j -> j.state().ended());
      assertThat(done.state()).isEqualTo(JobState.SUCCEEDED);
    }
  }

  private UUID submit(String admin) throws JobRequestException {
    return jobs.submit(
            new JobRequest(
                "family",
                Optional.empty(),
                Optional.of(2),
                Optional.empty(),
                Optional.empty(),
                admin,
                admin,
                Optional.empty()))
        .job()
        .id();
  }
}
