package org.hearth.relay.loadgen;

import java.net.http.HttpClient;
import java.util.List;

/** RSS of the relay while it holds {@code count} idle connections (each has had its challenge). */
final class IdleBench {
  record Result(int connections, long rssBeforeKib, long rssHeldKib, long open) {}

  private IdleBench() {}

  static Result run(RelayProcess relay, HttpClient http, int count, int holdSeconds) {
    long before = relay.rssKib();
    List<LoadClient> clients =
        LoadClient.connectMany(http, relay.url("family"), count, relay.auth());
    long max = 0;
    for (int s = 0; s < holdSeconds; s++) {
      RelayProcess.sleep(1000);
      max = Math.max(max, relay.rssKib());
    }
    long open = clients.stream().filter(c -> !c.closed().isDone()).count();
    clients.forEach(LoadClient::close);
    return new Result(count, before, max, open);
  }
}
