package org.hearth.cli.admin;

import org.hearth.nostr.nip86.HearthMethod;
import org.hearth.nostr.nip86.Nip86Method;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Ban and allow lists of public keys. */
final class PubkeyCommands {
  private PubkeyCommands() {}

  abstract static class OnKey extends Leaf {
    @Parameters(index = "0", paramLabel = "PUBKEY", description = "npub or hex public key")
    String pubkey;

    @Option(names = "--reason", description = "Why (kept in the audit log).")
    String reason;
  }

  @Command(name = "ban", description = "Ban a key: its grants end and it cannot be re-added.")
  static final class Ban extends OnKey {
    @Override
    public Integer call() {
      return run("banned " + hex(pubkey), Nip86Method.BAN_PUBKEY, hex(pubkey), reason);
    }
  }

  @Command(name = "unban", description = "Lift a ban.")
  static final class Unban extends OnKey {
    @Override
    public Integer call() {
      return run("unbanned " + hex(pubkey), Nip86Method.UNBAN_PUBKEY, hex(pubkey), reason);
    }
  }

  @Command(name = "banned", description = "Banned keys.")
  static final class Banned extends Leaf {
    @Override
    public Integer call() {
      return run("", Nip86Method.LIST_BANNED_PUBKEYS);
    }
  }

  @Command(name = "allow", description = "Allow a key (role member).")
  static final class Allow extends OnKey {
    @Override
    public Integer call() {
      return run("allowed " + hex(pubkey), Nip86Method.ALLOW_PUBKEY, hex(pubkey), reason);
    }
  }

  @Command(name = "unallow", description = "Revoke every grant of a key.")
  static final class Unallow extends OnKey {
    @Override
    public Integer call() {
      return run("unallowed " + hex(pubkey), Nip86Method.UNALLOW_PUBKEY, hex(pubkey), reason);
    }
  }

  @Command(name = "allowed", description = "Keys allowed on the relay.")
  static final class Allowed extends Leaf {
    @Override
    public Integer call() {
      return run("", Nip86Method.LIST_ALLOWED_PUBKEYS);
    }
  }

  @Command(name = "whoami", description = "Your key and your roles on the relay.")
  static final class WhoAmI extends Leaf {
    @Override
    public Integer call() {
      return run("", HearthMethod.WHOAMI);
    }
  }
}
