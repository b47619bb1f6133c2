package org.hearth.cli.admin;

import org.hearth.nostr.nip86.Nip86Method;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code hearth admin kinds list|allow|disallow}. */
@Command(
    name = "kinds",
    description = "Which event kinds the relay accepts (none listed: every kind).",
    subcommands = {
      KindsCommands.ListKinds.class,
      KindsCommands.Allow.class,
      KindsCommands.Disallow.class
    })
final class KindsCommands {
  @Command(name = "list", description = "Allowed kinds.")
  static final class ListKinds extends Leaf {
    @Override
    public Integer call() {
      return run("", Nip86Method.LIST_ALLOWED_KINDS);
    }
  }

  @Command(name = "allow", description = "Allow a kind.")
  static final class Allow extends Leaf {
    @Parameters(index = "0")
    int kind;

    @Override
    public Integer call() {
      return run("kind " + kind + " allowed", Nip86Method.ALLOW_KIND, kind);
    }
  }

  @Command(name = "disallow", description = "Disallow a kind.")
  static final class Disallow extends Leaf {
    @Parameters(index = "0")
    int kind;

    @Override
    public Integer call() {
      return run("kind " + kind + " disallowed", Nip86Method.DISALLOW_KIND, kind);
    }
  }
}
