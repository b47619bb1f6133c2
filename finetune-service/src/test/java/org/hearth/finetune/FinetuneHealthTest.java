package org.hearth.finetune;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.hearth.finetune.testing.FinetuneTestResource;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(FinetuneTestResource.class)
class FinetuneHealthTest {
  @Test
  void reportsLive() {
    given().when().get("/q/health/live").then().statusCode(200).body("status", is("UP"));
  }
}
