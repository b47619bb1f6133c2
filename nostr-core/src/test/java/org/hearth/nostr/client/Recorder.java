package org.hearth.nostr.client;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.hearth.nostr.event.Event;

/**
 * Records a subscription's callbacks as strings ({@code "event:<content>"}, {@code "eose"}, {@code
 * "closed:<message>"}) in arrival order.
 */
final class Recorder implements SubscriptionListener {
  private final BlockingQueue<String> seen = new LinkedBlockingQueue<>();

  @Override
  public void onEvent(Event event) {
    seen.add("event:" + event.content());
  }

  @Override
  public void onEose() {
    seen.add("eose");
  }

  @Override
  public void onClosed(String message) {
    seen.add("closed:" + message);
  }

  /** The next callback; fails the test instead of hanging. */
  String next() throws InterruptedException {
    String s = seen.poll(10, TimeUnit.SECONDS);
    if (s == null) {
      throw new AssertionError("no callback within 10 s");
    }
    return s;
  }

  /** Whatever arrived so far, without waiting. */
  String drained() {
    StringBuilder sb = new StringBuilder();
    seen.forEach(s -> sb.append(s).append(';'));
    seen.clear();
    return sb.toString();
  }
}
