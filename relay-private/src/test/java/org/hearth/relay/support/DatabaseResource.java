package org.hearth.relay.support;

import io.quarkus.test.common.QuarkusTestResource;

/** Applies {@link PostgresTestResource} to every Quarkus test of the module. */
@QuarkusTestResource(PostgresTestResource.class)
public final class DatabaseResource {
  private DatabaseResource() {}
}
