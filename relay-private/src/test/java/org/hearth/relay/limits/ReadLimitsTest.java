package org.hearth.relay.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hearth.relay.support.TestKeys.ALICE;
import static org.hearth.relay.support.TestKeys.event;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.net.URI;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.hearth.nostr.event.Event;
import org.hearth.nostr.filter.Filter;
import org.hearth.nostr.message.ClientMessage;
import org.hearth.nostr.message.RelayMessage;
import org.hearth.relay.support.TestSocket;
import org.junit.jupiter.api.Test;

/** The per-connection REQ/COUNT rate limit and the statement timeout of stored-event queries. */
@QuarkusTest
@TestProfile(ReadLimitsTest.Tight.class)
class ReadLimitsTest {
  /** Three REQ/COUNT per connection, then one per 100 s; queries cancelled after 500 ms. */
  public static class Tight implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "hearth.relay.limits.connection-reqs-per-second", "0.01",
          "hearth.relay.limits.connection-req-burst", "3",
          "hearth.relay.limits.query-timeout", "500ms");
    }
  }

  @TestHTTPResource("/")
  URI root;

  @Inject DataSource jdbc;

  private static Filter byId(String id) {
    return new Filter(Set.of(id), null, null, null, null, null, null, null);
  }

  /** A socket on family, authenticated as Alice, that has published {@code note}. */
  private TestSocket publishing(Event note) {
    TestSocket s = TestSocket.open(root.getPort(), "family");
    s.auth(ALICE);
    assertThat(s.publish(note).accepted()).isTrue();
    return s;
  }

  @Test
  void reqAndCountBeyondTheConnectionsBurstAreClosedRateLimited() {
    Event note = event(ALICE, 1, "rate-limited reads");
    try (TestSocket s = TestSocket.open(root.getPort(), "family")) {
      s.auth(ALICE);
      assertThat(s.publish(note).accepted()).isTrue();
      for (int i = 0; i < 3; i++) {
        assertThat(s.req("r" + i, byId(note.id())))
            .extracting(Event::id)
            .containsExactly(note.id());
      }
      s.send(new ClientMessage.Req("r3", List.of(byId(note.id()))));
      RelayMessage.Closed closed = s.next(RelayMessage.Closed.class);
      assertThat(closed.subscriptionId()).isEqualTo("r3");
      assertThat(closed.message()).startsWith("rate-limited:").contains("REQ");
      s.send(new ClientMessage.Count("c1", List.of(byId(note.id()))));
      RelayMessage.Closed count = s.next(RelayMessage.Closed.class);
      assertThat(count.subscriptionId()).isEqualTo("c1");
      assertThat(count.message()).startsWith("rate-limited:");
      // the connection lives on: it may still publish
      assertThat(s.publish(event(ALICE, 1, "still writing")).accepted()).isTrue();
    }
    try (TestSocket other = TestSocket.open(root.getPort(), "family")) {
      other.auth(ALICE);
      assertThat(other.req("fresh", byId(note.id()))).hasSize(1);
    }
  }

  @Test
  void aFailedMultiFilterReqOrCountIsClosedWithErrorAndTheConnectionLivesOn() throws Exception {
    Event note = event(ALICE, 1, "several filters behind a lock");
    try (TestSocket s = publishing(note)) {
      Filter byAuthor =
          new Filter(null, Set.of(ALICE.publicKey().hex()), null, null, null, null, null, null);
      try (Connection c = jdbc.getConnection()) {
        c.setAutoCommit(false);
        try (Statement st = c.createStatement()) {
          st.execute("LOCK TABLE event IN ACCESS EXCLUSIVE MODE");
        }
        s.send(new ClientMessage.Req("two", List.of(byId(note.id()), byAuthor)));
        RelayMessage.Closed closed = s.next(RelayMessage.Closed.class);
        assertThat(closed.subscriptionId()).isEqualTo("two");
        assertThat(closed.message()).startsWith("error:").contains("took longer than 500 ms");
        s.send(new ClientMessage.Count("n", List.of(byId(note.id()), byAuthor)));
        RelayMessage.Closed count = s.next(RelayMessage.Closed.class);
        assertThat(count.subscriptionId()).isEqualTo("n");
        assertThat(count.message()).startsWith("error:").contains("took longer than 500 ms");
        c.rollback();
      }
      assertThat(s.req("again", byId(note.id()), byAuthor))
          .extracting(Event::id)
          .contains(note.id())
          .doesNotHaveDuplicates();
    }
  }

  @Test
  void aQueryOverTheTimeoutIsClosedWithErrorAndTheConnectionLivesOn() throws Exception {
    Event note = event(ALICE, 1, "behind a lock");
    try (TestSocket s = publishing(note)) {
      try (Connection c = jdbc.getConnection()) {
        c.setAutoCommit(false);
        try (Statement st = c.createStatement()) {
          // Readers of event now wait for this lock until the statement timeout cancels them.
          st.execute("LOCK TABLE event IN ACCESS EXCLUSIVE MODE");
        }
        s.send(new ClientMessage.Req("slow", List.of(byId(note.id()))));
        RelayMessage.Closed closed = s.next(RelayMessage.Closed.class);
        assertThat(closed.subscriptionId()).isEqualTo("slow");
        assertThat(closed.message()).startsWith("error:").contains("took longer than 500 ms");
        c.rollback();
      }
      assertThat(s.req("again", byId(note.id()))).extracting(Event::id).containsExactly(note.id());
    }
  }
}
