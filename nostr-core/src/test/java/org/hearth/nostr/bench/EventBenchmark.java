package org.hearth.nostr.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.hearth.nostr.Hex;
import org.hearth.nostr.crypto.LocalSigner;
import org.hearth.nostr.crypto.Schnorr;
import org.hearth.nostr.event.Event;
import org.hearth.nostr.event.EventTemplate;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Single-threaded throughput of the relay's hot path: full validation of an incoming event (parse
 * JSON, recompute the id, verify the BIP-340 signature) and signing. The raw libsecp256k1 calls are
 * measured alongside as the ceiling. Sample-time mode gives the median time of one operation, which
 * stays meaningful when other processes share the cores (throughput mode then drops). Run with
 * {@code mvn -B -ntp -Pjmh -pl nostr-core -am verify -DskipTests} (see docs/benchmarks.md).
 */
@State(Scope.Thread)
@BenchmarkMode({Mode.Throughput, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.SECONDS)
public class EventBenchmark {
  private static final int POOL = 1024;
  private static final byte[] AUX = new byte[32];

  private final List<String> json = new ArrayList<>();
  private final List<EventTemplate> templates = new ArrayList<>();
  private final List<byte[][]> raw = new ArrayList<>();
  private LocalSigner signer;
  private int next;

  /** 1024 distinct, typical kind-1 notes (3 tags, ~200 characters), so no result is cached. */
  @Setup
  public void setUp() {
    signer = LocalSigner.generate();
    for (int i = 0; i < POOL; i++) {
      EventTemplate t =
          new EventTemplate(
              1,
              List.of(
                  List.of("e", Hex.encode(sha(i)), "wss://relay.example.com", "root"),
                  List.of("p", signer.publicKey().hex()),
                  List.of("t", "hearth")),
              "Note "
                  + i
                  + ": a typical short text note, with a little unicode (caf\u00e9, "
                  + "\u4e2d\u6587, \ud83d\ude00) and \"quotes\", long enough to be realistic for "
                  + "a household relay that mostly carries chat and calendar events.",
              1_764_000_000L + i);
      templates.add(t);
      Event e = signer.sign(t);
      json.add(e.toJson());
      raw.add(new byte[][] {Hex.decode(e.sig()), Hex.decode(e.id()), Hex.decode(e.pubkey())});
    }
  }

  private static byte[] sha(int i) {
    byte[] b = new byte[32];
    b[0] = (byte) i;
    b[1] = (byte) (i >> 8);
    return b;
  }

  private int index() {
    next = (next + 1) & (POOL - 1);
    return next;
  }

  /** Parse JSON, compute the id, verify the signature: what a relay does per EVENT. */
  @Benchmark
  public Event fullValidation() {
    return Event.fromJson(json.get(index())).validate();
  }

  /** Parse JSON and compute the id, without the signature check. */
  @Benchmark
  public boolean parseAndId() {
    return Event.fromJson(json.get(index())).hasValidId();
  }

  /** libsecp256k1's BIP-340 verify alone, on bytes decoded in advance: the ceiling. */
  @Benchmark
  public boolean nativeVerify() {
    byte[][] r = raw.get(index());
    return Schnorr.verify(r[0], r[1], r[2]);
  }

  /** libsecp256k1's BIP-340 sign alone (fixed aux), on an id decoded in advance: the ceiling. */
  @Benchmark
  public byte[] nativeSign() {
    return Schnorr.sign(raw.get(index())[1], signer.privateKey(), AUX);
  }

  /** Compute the id and sign a template (fresh aux randomness), as LocalSigner does. */
  @Benchmark
  public Event sign() {
    return signer.sign(templates.get(index()));
  }
}
