package org.hearth.finetune.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import org.hearth.nostr.crypto.LocalSigner;
import org.hearth.nostr.crypto.PrivateKey;
import org.hearth.nostr.testkit.ServiceProcess;
import org.hearth.nostr.testkit.TestDatabase;

/**
 * Everything of {@link FinetuneTestResource} plus a real relay-private (its packaged jar as a child
 * process, with its own database) whose family relay the service listens to. On that relay {@link
 * TestKeys#ADMIN} is the owner, {@link #SERVICE_KEY} (the fine-tune service) and {@link
 * TestKeys#SERVICE} are services, {@link TestKeys#STRANGER} a member.
 */
public class RelayTestResource extends FinetuneTestResource {
  /** The fine-tune service's key, written to its key file before it starts. */
  public static final LocalSigner SERVICE_KEY =
      new LocalSigner(PrivateKey.fromHex("%064x".formatted(0x40)));

  /** The running relay (one at a time). */
  public static volatile ServiceProcess relay;

  private TestDatabase relayDb;

  @Override
  public Map<String, String> start() {
    Map<String, String> p = new HashMap<>(super.start());
    try {
      Path keyFile = dataDir.resolve("keys/service.nsec");
      Files.createDirectories(keyFile.getParent());
      Files.createFile(
          keyFile,
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(keyFile, SERVICE_KEY.privateKey().hex() + "\n", StandardCharsets.US_ASCII);
      relayDb = TestDatabase.start("finetune");
      Map<String, String> r = new HashMap<>();
      r.put("quarkus.datasource.jdbc.url", relayDb.url());
      r.put("quarkus.datasource.reactive.url", relayDb.url().substring("jdbc:".length()));
      r.put("quarkus.datasource.username", "postgres");
      r.put("hearth.relay.data-dir", dataDir.resolve("relay-data").toString());
      r.put("hearth.relay.owner", TestKeys.ADMIN.publicKey().hex());
      r.put("hearth.relay.members", TestKeys.STRANGER.publicKey().hex());
      r.put(
          "hearth.relay.services",
          SERVICE_KEY.publicKey().hex() + "," + TestKeys.SERVICE.publicKey().hex());
      relay = ServiceProcess.startRelay(r, dataDir.resolve("relay.log"));
      p.put("hearth.finetune.relays.family.url", relay.baseUrl() + "/family");
      p.put("hearth.finetune.key-file", keyFile.toString());
      return p;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void stop() {
    if (relay != null) {
      relay.close();
    }
    if (relayDb != null) {
      relayDb.close();
    }
    super.stop();
  }
}
