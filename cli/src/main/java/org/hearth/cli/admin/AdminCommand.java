package org.hearth.cli.admin;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import org.hearth.cli.shared.KeyFileOption;
import org.hearth.cli.shared.OutputOptions;
import org.hearth.nostr.crypto.LocalSigner;
import org.hearth.nostr.nip86.Nip86Client;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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

  @Mixin KeyFileOption key;

  @Mixin OutputOptions options;

  /** A session for one call: signs with the key file, prints to this command's streams. */
  AdminSession session() {
    LocalSigner signer = key.signer();
    Nip86Client client =
        new Nip86Client(
            HttpClient.newBuilder().connectTimeout(timeout()).build(),
            relay,
            signer,
            timeout(),
            Clock.systemUTC());
    return new AdminSession(client, output());
  }

  Output output() {
    return new Output(spec.commandLine().getOut(), options.json());
  }

  Duration timeout() {
    return options.timeout();
  }
}
