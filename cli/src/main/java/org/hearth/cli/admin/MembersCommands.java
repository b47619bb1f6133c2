package org.hearth.cli.admin;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hearth.nostr.nip86.HearthMethod;
import org.hearth.nostr.nip86.Nip86Method;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code hearth admin members …}. */
@Command(
    name = "members",
    description = "List, add and remove members and their roles.",
    subcommands = {
      MembersCommands.ListMembers.class,
      MembersCommands.Add.class,
      MembersCommands.Remove.class,
      MembersCommands.SetRole.class,
      MembersCommands.UnsetRole.class
    })
final class MembersCommands {
  @Command(name = "list", description = "Every key with a grant on the relay, with its role.")
  static final class ListMembers extends Leaf {
    @Override
    public Integer call() {
      return run("", HearthMethod.LIST_MEMBERS);
    }
  }

  @Command(
      name = "add",
      description =
          "Give a key a role (default member). With --read-kinds/--write-kinds/--expires the grant"
              + " is narrowed, as for service keys.")
  static final class Add extends Leaf {
    @Parameters(index = "0", paramLabel = "PUBKEY", description = "npub or hex public key")
    String pubkey;

    @Option(
        names = "--role",
        defaultValue = "member",
        description = "owner, admin, member, reader or service")
    String role;

    @Option(names = "--read-kinds", split = ",", description = "Kinds this key may read.")
    List<Integer> readKinds;

    @Option(names = "--write-kinds", split = ",", description = "Kinds this key may write.")
    List<Integer> writeKinds;

    @Option(names = "--expires", description = "Grant lifetime, e.g. 30d or 12h.")
    String expires;

    @Override
    public Integer call() {
      String hex = hex(pubkey);
      String done = "added " + hex + " as " + role;
      if (readKinds == null && writeKinds == null && expires == null) {
        return run(done, Nip86Method.ASSIGN_ROLE, hex, role);
      }
      Map<String, Object> opts = new LinkedHashMap<>();
      if (readKinds != null) {
        opts.put("read_kinds", readKinds);
      }
      if (writeKinds != null) {
        opts.put("write_kinds", writeKinds);
      }
      if (expires != null) {
        long at = Instant.now().plus(Durations.parse(expires)).getEpochSecond();
        opts.put("expires_at", at);
        done += " until " + Instant.ofEpochSecond(at);
      }
      return run(done, HearthMethod.GRANT_ROLE, hex, role, opts);
    }
  }

  @Command(name = "remove", description = "Revoke every grant of a key on the relay.")
  static final class Remove extends PubkeyCommands.OnKey {
    @Override
    public Integer call() {
      String hex = hex(pubkey);
      return run("removed " + hex, Nip86Method.UNALLOW_PUBKEY, hex, reason);
    }
  }

  abstract static class KeyAndRole extends Leaf {
    @Parameters(index = "0", paramLabel = "PUBKEY")
    String pubkey;

    @Parameters(index = "1", paramLabel = "ROLE")
    String role;
  }

  @Command(name = "role", description = "Assign a role to a key (NIP-86 assignrole).")
  static final class SetRole extends KeyAndRole {
    @Override
    public Integer call() {
      String hex = hex(pubkey);
      return run("assigned " + role + " to " + hex, Nip86Method.ASSIGN_ROLE, hex, role);
    }
  }

  @Command(name = "unrole", description = "Take a role away from a key (NIP-86 unassignrole).")
  static final class UnsetRole extends KeyAndRole {
    @Override
    public Integer call() {
      String hex = hex(pubkey);
      return run("took " + role + " from " + hex, Nip86Method.UNASSIGN_ROLE, hex, role);
    }
  }
}
