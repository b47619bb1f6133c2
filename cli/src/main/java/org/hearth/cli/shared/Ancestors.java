package org.hearth.cli.shared;

import picocli.CommandLine.Model.CommandSpec;

/** Finds the command object of a given type above a subcommand (where the shared options are). */
public final class Ancestors {
  private Ancestors() {}

  public static <T> T find(CommandSpec spec, Class<T> type) {
    for (CommandSpec s = spec; s != null; s = s.parent()) {
      if (type.isInstance(s.userObject())) {
        return type.cast(s.userObject());
      }
    }
    throw new IllegalStateException("not under a " + type.getSimpleName());
  }
}
