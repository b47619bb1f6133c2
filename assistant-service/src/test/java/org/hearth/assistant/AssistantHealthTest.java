package org.hearth.assistant;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AssistantHealthTest {
  @Test
  void reportsLive() {
    given().when().get("/q/health/live").then().statusCode(200).body("status", is("UP"));
  }
}
