/**
 * A Nostr relay client: NIP-01 publish/OK, REQ/EOSE/CLOSE, NIP-42 AUTH, NIP-45 COUNT, over one
 * websocket per relay (java.net.http, no framework).
 *
 * <pre>{@code
 * try (RelayClient relay = RelayClient.builder(URI.create("wss://relay.example/family"))
 *         .signer(signer)                       // answers AUTH challenges (NIP-42)
 *         .okTimeout(Duration.ofSeconds(5))
 *         .build()) {
 *   relay.connectAndWait();
 *   RelayMessage.Ok ok = relay.publishAndWait(event);       // rejection = ok.accepted() false
 *   List<Event> stored = relay.queryAndWait(List.of(filter), Duration.ofSeconds(10));
 *   Subscription live = relay.subscribe(List.of(filter), event -> handle(event));
 * }
 * }</pre>
 *
 * <p><b>Threads.</b> Each client owns one loop thread (all protocol state lives there), a small
 * pool for the HttpClient and, unless a callback executor is given, two callback threads. {@link
 * org.hearth.nostr.client.RelayClient#close()} stops all of them. Inside Quarkus, produce the
 * client from an {@code @ApplicationScoped} bean, pass the Quarkus {@code ManagedExecutor} as
 * callback executor, close it in {@code @PreDestroy}, and use the asynchronous methods on
 * event-loop threads (the {@code *AndWait} helpers block).
 *
 * <p><b>Failures.</b> Relay rejections are values ({@code OK false}, {@code CLOSED}); missing
 * answers are {@link org.hearth.nostr.client.RelayTimeoutException}; everything the client throws
 * is a {@link org.hearth.nostr.client.RelayClientException}. Problems that fail no request (bad
 * frames, invalid events, NOTICEs, lost connections) go to the {@link
 * org.hearth.nostr.client.IssueListener}.
 */
package org.hearth.nostr.client;
