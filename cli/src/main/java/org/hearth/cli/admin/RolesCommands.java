package org.hearth.cli.admin;

import org.hearth.nostr.nip86.HearthMethod;
import org.hearth.nostr.nip86.Nip86Method;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code hearth admin roles …}. */
@Command(
    name = "roles",
    description = "List, create, edit and delete roles (NIP-43 role labels).",
    subcommands = {
      RolesCommands.ListRoles.class,
      RolesCommands.Create.class,
      RolesCommands.Edit.class,
      RolesCommands.Delete.class
    })
final class RolesCommands {
  @Command(name = "list", description = "Built-in and custom roles.")
  static final class ListRoles extends Leaf {
    @Override
    public Integer call() {
      return run("", HearthMethod.LIST_ROLES);
    }
  }

  abstract static class Definition extends Leaf {
    @Parameters(index = "0", paramLabel = "ID")
    String id;

    @Option(names = "--label")
    String label;

    @Option(names = "--description")
    String description;

    @Option(names = "--color", description = "Hue, 0 to 360.")
    Integer color;

    @Option(names = "--order")
    Integer order;

    int send(String verb, Nip86Method method) {
      String c = color == null ? null : String.valueOf(color);
      return run(verb + " role " + id, method, id, label, description, c, order);
    }
  }

  @Command(name = "create", description = "Create a role.")
  static final class Create extends Definition {
    @Override
    public Integer call() {
      return send("created", Nip86Method.CREATE_ROLE);
    }
  }

  @Command(name = "edit", description = "Change a role's label, description, color or order.")
  static final class Edit extends Definition {
    @Override
    public Integer call() {
      return send("edited", Nip86Method.EDIT_ROLE);
    }
  }

  @Command(name = "delete", description = "Delete a custom role.")
  static final class Delete extends Leaf {
    @Parameters(index = "0", paramLabel = "ID")
    String id;

    @Override
    public Integer call() {
      return run("deleted role " + id, Nip86Method.DELETE_ROLE, id);
    }
  }
}
