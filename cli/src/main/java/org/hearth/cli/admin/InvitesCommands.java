package org.hearth.cli.admin;

import org.hearth.nostr.nip86.HearthMethod;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code hearth admin invites …}. */
@Command(
    name = "invites",
    description = "Invite codes for NIP-43 join requests.",
    subcommands = {
      InvitesCommands.Create.class,
      InvitesCommands.Revoke.class,
      InvitesCommands.ListInvites.class
    })
final class InvitesCommands {
  @Command(name = "create", description = "Create an invite code.")
  static final class Create extends Leaf {
    @Option(names = "--role", defaultValue = "member", description = "Role the invitee gets.")
    String role;

    @Option(names = "--expires", defaultValue = "7d", description = "Lifetime (default 7d).")
    String expires;

    @Override
    public Integer call() {
      long seconds = Durations.parse(expires).toSeconds();
      return run("", HearthMethod.CREATE_INVITE, role, seconds);
    }
  }

  @Command(name = "revoke", description = "Revoke an invite code.")
  static final class Revoke extends Leaf {
    @Parameters(index = "0", paramLabel = "CODE")
    String code;

    @Override
    public Integer call() {
      return run("revoked invite " + code, HearthMethod.REVOKE_INVITE, code);
    }
  }

  @Command(name = "list", description = "Invite codes with their state.")
  static final class ListInvites extends Leaf {
    @Override
    public Integer call() {
      return run("", HearthMethod.LIST_INVITES);
    }
  }
}
