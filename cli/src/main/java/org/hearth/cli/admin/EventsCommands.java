package org.hearth.cli.admin;

import org.hearth.nostr.nip86.Nip86Method;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code hearth admin events moderation|allow|ban|banned}. */
@Command(
    name = "events",
    description = "Event moderation.",
    subcommands = {
      EventsCommands.Moderation.class,
      EventsCommands.Allow.class,
      EventsCommands.Ban.class,
      EventsCommands.Banned.class
    })
final class EventsCommands {
  @Command(name = "moderation", description = "Events reported (NIP-56) and not yet decided.")
  static final class Moderation extends Leaf {
    @Override
    public Integer call() {
      return run("", Nip86Method.LIST_EVENTS_NEEDING_MODERATION);
    }
  }

  abstract static class OnEvent extends Leaf {
    @Parameters(index = "0", paramLabel = "EVENT_ID")
    String id;

    @Option(names = "--reason")
    String reason;
  }

  @Command(name = "allow", description = "Keep a reported event (or lift its ban).")
  static final class Allow extends OnEvent {
    @Override
    public Integer call() {
      return run("allowed event " + id, Nip86Method.ALLOW_EVENT, id, reason);
    }
  }

  @Command(name = "ban", description = "Delete an event and refuse it from now on.")
  static final class Ban extends OnEvent {
    @Override
    public Integer call() {
      return run("banned event " + id, Nip86Method.BAN_EVENT, id, reason);
    }
  }

  @Command(name = "banned", description = "Banned events.")
  static final class Banned extends Leaf {
    @Override
    public Integer call() {
      return run("", Nip86Method.LIST_BANNED_EVENTS);
    }
  }
}
