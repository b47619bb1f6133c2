package org.hearth.cli.admin;

import org.hearth.nostr.nip86.HearthMethod;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code hearth admin audit [access]}. */
@Command(
    name = "audit",
    description = "The audit log of administrative changes, newest first.",
    subcommands = {AuditCommands.Access.class})
final class AuditCommands extends Leaf {
  @Option(names = "--limit", defaultValue = "50")
  int limit;

  @Override
  public Integer call() {
    return run("", HearthMethod.LIST_AUDIT_LOG, limit);
  }

  @Command(name = "access", description = "Who used this relay's admin API (members may ask).")
  static final class Access extends Leaf {
    @Option(names = "--limit", defaultValue = "50")
    int limit;

    @Override
    public Integer call() {
      return run("", HearthMethod.LIST_ADMIN_ACCESS, limit);
    }
  }
}
