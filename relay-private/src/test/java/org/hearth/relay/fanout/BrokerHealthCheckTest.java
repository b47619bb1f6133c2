package org.hearth.relay.fanout;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** The default mode needs no broker: the check says in-memory, and readiness is not affected. */
@QuarkusTest
class BrokerHealthCheckTest {
  @Test
  void inMemoryModeIsHealthyWithoutABroker() {
    given()
        .when()
        .get("/q/health/well")
        .then()
        .statusCode(200)
        .body("checks.name", hasItem(BrokerHealthCheck.NAME))
        .body("checks.find { it.name == 'rabbitmq-fanout' }.data.mode", is("in-memory"));
    given().when().get("/q/health/ready").then().statusCode(200).body("status", is("UP"));
  }
}
