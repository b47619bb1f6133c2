package org.hearth.cli.admin;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.hearth.nostr.crypto.LocalSigner;
import org.hearth.nostr.nip86.Nip86Client;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code hearth admin}: administer a relay over its NIP-86 API. */
@Command(
    name = "admin",
    mixinStandardHelpOptions = true,
    description = "Administer a Hearth relay (NIP-86, signed with your key file).",
    subcommands = {
      MembersCommands.class,
      RolesCommands.class,
      InvitesCommands.class,
      AuditCommands.class,
      RelayCommands.class,
      KindsCommands.class,
      IpsCommands.class,
      EventsCommands.class,
      PubkeyCommands.Ban.class,
      PubkeyCommands.Unban.class,
      PubkeyCommands.Banned.class,
      PubkeyCommands.Allow.class,
      PubkeyCommands.Unallow.class,
      PubkeyCommands.Allowed.class,
      PubkeyCommands.WhoAmI.class
    })
public final class AdminCommand {
  @Spec CommandSpec spec;

  @Option(
      names = "--relay",
      required = true,
      description = "The relay's URL, e.g. ws://localhost:7447/family (ws, wss, http or https).")
  URI relay;

  @Option(
      names = "--key-file",
      defaultValue = "${env:HEARTH_KEY_FILE}",
      description =
          "File holding your nsec or hex secret key, mode 600 (default: $HEARTH_KEY_FILE).")
  Path keyFile;

  @Option(names = "--json", description = "Print the relay's answer as JSON.")
  boolean json;

  @Option(
      names = "--timeout",
      defaultValue = "30",
      description = "Seconds to wait for the relay (default: ${DEFAULT-VALUE}).")
  int timeoutSeconds;

  /** A session for one call: signs with the key file, prints to this command's streams. */
  AdminSession session() {
    if (keyFile == null) {
      throw new KeyFileException(
          "no key file: give --key-file <file> or set HEARTH_KEY_FILE (a file holding your nsec)");
    }
    LocalSigner signer = new LocalSigner(KeyFile.load(keyFile));
    Nip86Client client =
        new Nip86Client(
            java.net.http.HttpClient.newBuilder().connectTimeout(timeout()).build(),
            relay,
            signer,
            timeout(),
            java.time.Clock.systemUTC());
    return new AdminSession(client, new Output(spec.commandLine().getOut(), json));
  }

  Output output() {
    return new Output(spec.commandLine().getOut(), json);
  }

  Duration timeout() {
    return Duration.ofSeconds(Math.max(1, timeoutSeconds));
  }
}
