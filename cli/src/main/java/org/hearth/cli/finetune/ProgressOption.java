package org.hearth.cli.finetune;

import java.io.Console;
import picocli.CommandLine.Option;

/** {@code --progress auto|bar|lines}: how {@code follow} draws progress. A picocli mixin. */
final class ProgressOption {
  enum Mode {
    /** A bar redrawn in place on a terminal, lines otherwise. */
    AUTO,
    /** Always the bar redrawn in place with carriage returns. */
    BAR,
    /** One line per change (logs, pipes). */
    LINES
  }

  @Option(
      names = "--progress",
      defaultValue = "auto",
      description = "auto, bar or lines (default: ${DEFAULT-VALUE}: a bar on a terminal).")
  Mode mode;

  boolean tty() {
    return switch (mode) {
      case BAR -> true;
      case LINES -> false;
      case AUTO -> interactive();
    };
  }

  /** True when standard output is a terminal (Java 22+ says so through Console.isTerminal). */
  static boolean interactive() {
    Console c = System.console();
    if (c == null) {
      return false;
    }
    try {
      return (Boolean) Console.class.getMethod("isTerminal").invoke(c);
    } catch (NoSuchMethodException e) {
      return true;
    } catch (ReflectiveOperationException e) {
      return false;
    }
  }
}
