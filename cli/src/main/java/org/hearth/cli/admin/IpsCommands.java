package org.hearth.cli.admin;

import org.hearth.nostr.nip86.Nip86Method;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code hearth admin ips list|block|unblock}. */
@Command(
    name = "ips",
    description = "Blocked IP addresses.",
    subcommands = {IpsCommands.ListIps.class, IpsCommands.Block.class, IpsCommands.Unblock.class})
final class IpsCommands {
  @Command(name = "list", description = "Blocked addresses.")
  static final class ListIps extends Leaf {
    @Override
    public Integer call() {
      return run("", Nip86Method.LIST_BLOCKED_IPS);
    }
  }

  @Command(name = "block", description = "Block an address.")
  static final class Block extends Leaf {
    @Parameters(index = "0", paramLabel = "IP")
    String ip;

    @Option(names = "--reason")
    String reason;

    @Override
    public Integer call() {
      return run("blocked " + ip, Nip86Method.BLOCK_IP, ip, reason);
    }
  }

  @Command(name = "unblock", description = "Unblock an address.")
  static final class Unblock extends Leaf {
    @Parameters(index = "0", paramLabel = "IP")
    String ip;

    @Override
    public Integer call() {
      return run("unblocked " + ip, Nip86Method.UNBLOCK_IP, ip);
    }
  }
}
