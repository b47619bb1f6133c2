package org.hearth.assistant.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.hearth.assistant.ollama.OllamaDouble;
import org.hearth.nostr.crypto.LocalSigner;
import org.hearth.nostr.crypto.PrivateKey;
import org.hearth.nostr.testkit.ServiceProcess;
import org.hearth.nostr.testkit.TestDatabase;

/**
 * A real relay-private (child process, its own fresh database) plus the Ollama double, with the
 * assistant service connected to it. The keys are those of {@code interop/assistant-harness.mjs}:
 * the relay knows the assistants as services, {@code MEMBER} as a member of every relay but work,
 * {@code WORKER} as the only member of work, and {@code NONMEMBER} as a service key (the relay lets
 * it write, but its NIP-43 member list names it a service, not a person): the family assistant
 * serves only {@code MEMBER}. The double answers "Double answer: " plus the {@code secret-…} words
 * of its prompt, so a reply shows which notes reached the model.
 */
public class RealRelayResource implements QuarkusTestResourceLifecycleManager {
  public static final LocalSigner OWNER = key(0x30);
  public static final Map<String, LocalSigner> ASSISTANTS =
      Map.of("personal", key(0x31), "family", key(0x32), "work", key(0x33));
  public static final LocalSigner MEMBER = key(0x21);
  public static final LocalSigner NONMEMBER = key(0x22);
  public static final LocalSigner WORKER = key(0x24);

  /** The finetune service: a service key of every relay; consented conversations are for it. */
  public static final LocalSigner FINETUNE = key(0x25);

  private static final Pattern SECRET = Pattern.compile("secret-[a-z0-9]+");

  private OllamaDouble ollama;
  private TestDatabase relayDb;
  private ServiceProcess relay;

  static LocalSigner key(int n) {
    return new LocalSigner(PrivateKey.fromHex("%064x".formatted(n)));
  }

  @Override
  public Map<String, String> start() {
    ollama = new OllamaDouble(OllamaResource.BASE_MODEL, OllamaResource.EMBED_MODEL);
    ollama.answerWith(RealRelayResource::secretsOf);
    try {
      Path dir = Files.createTempDirectory("assistant-e2e");
      Path keys = Files.createDirectory(dir.resolve("keys"));
      for (var e : ASSISTANTS.entrySet()) {
        Path file = keys.resolve(e.getKey() + ".nsec");
        Files.createFile(
            file,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, e.getValue().privateKey().hex() + "\n", StandardCharsets.US_ASCII);
      }
      relayDb = TestDatabase.start("assistant");
      relay =
          ServiceProcess.startRelay(relayProperties(relayDb.url(), dir), dir.resolve("relay.log"));
      Map<String, String> config = new HashMap<>();
      config.put("hearth.assistant.connect", "true");
      config.put("hearth.assistant.relay-url", relay.baseUrl());
      config.put("hearth.assistant.keys-dir", keys.toString());
      config.put("hearth.assistant.ollama.host", ollama.url());
      config.put("hearth.assistant.ollama.model-cache-ttl", "0s");
      config.put("hearth.assistant.ollama.answer-timeout", "3s");
      config.put("hearth.assistant.ollama.request-timeout", "3s");
      config.put("hearth.assistant.ollama.probe-timeout", "1s");
      config.put("hearth.assistant.scopes.family.members", MEMBER.publicKey().hex());
      config.put("hearth.assistant.scopes.personal.members", MEMBER.publicKey().hex());
      config.put("hearth.assistant.scopes.work.members", WORKER.publicKey().hex());
      // The relay's owner administers the family assistant (/retrain).
      config.put("hearth.assistant.scopes.family.admins", OWNER.publicKey().hex());
      config.put("hearth.assistant.finetune-pubkey", FINETUNE.publicKey().hex());
      config.put("hearth.assistant.consent.debounce", "1s");
      // Restarted links resume a minute before the newest remembered note.
      config.put("hearth.assistant.memory.resume-margin", "60s");
      return config;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Map<String, String> relayProperties(String jdbcUrl, Path dir) {
    Map<String, String> p = new HashMap<>();
    p.put("quarkus.datasource.jdbc.url", jdbcUrl);
    p.put("quarkus.datasource.reactive.url", jdbcUrl.substring("jdbc:".length()));
    p.put("quarkus.datasource.username", "postgres");
    p.put("hearth.relay.data-dir", dir.resolve("relay-data").toString());
    p.put("hearth.relay.owner", OWNER.publicKey().hex());
    p.put("hearth.relay.members", MEMBER.publicKey().hex());
    p.put("hearth.relay.relays.work.members", WORKER.publicKey().hex());
    List<LocalSigner> services = new java.util.ArrayList<>(ASSISTANTS.values());
    services.add(NONMEMBER);
    services.add(FINETUNE);
    p.put("hearth.relay.services", hex(services));
    // Consented conversations: the assistant and the finetune service only (as docs/finetune-
    // protocol.md says relay-private's default becomes).
    p.put("hearth.relay.relays.family.visibility.30970", "parties");
    return p;
  }

  private static String hex(List<LocalSigner> signers) {
    return signers.stream().map(s -> s.publicKey().hex()).collect(Collectors.joining(","));
  }

  static String secretsOf(OllamaDouble.ChatCall call) {
    Matcher m = SECRET.matcher(call.allText());
    List<String> found = m.results().map(r -> r.group()).distinct().toList();
    return "Double answer: " + (found.isEmpty() ? "nothing found" : String.join(" ", found));
  }

  @Override
  public void inject(TestInjector injector) {
    injector.injectIntoFields(
        ollama, new TestInjector.AnnotatedAndMatchesType(InjectOllama.class, OllamaDouble.class));
    injector.injectIntoFields(
        relay, new TestInjector.AnnotatedAndMatchesType(InjectRelay.class, ServiceProcess.class));
  }

  @Override
  public void stop() {
    if (relay != null) {
      relay.close();
    }
    if (relayDb != null) {
      relayDb.close();
    }
    if (ollama != null) {
      ollama.close();
    }
  }
}
