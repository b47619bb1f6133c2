package org.hearth.cli;

import java.io.PrintWriter;
import org.hearth.cli.admin.AdminCommand;
import org.hearth.cli.finetune.FinetuneCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code hearth}: the Hearth command line. */
@Command(
    name = "hearth",
    mixinStandardHelpOptions = true,
    version = "hearth 0.1.0",
    description = "Hearth from a terminal.",
    subcommands = {AdminCommand.class, FinetuneCommand.class, CommandLine.HelpCommand.class})
public final class HearthCli {

  /** A command line wired to these streams, with plain-words error handling. */
  public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
    CommandLine cl = new CommandLine(new HearthCli());
    cl.setOut(out);
    cl.setErr(err);
    cl.setExecutionExceptionHandler(new PlainErrors());
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    return cl;
  }

  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(System.out, true);
    PrintWriter err = new PrintWriter(System.err, true);
    System.exit(commandLine(out, err).execute(args));
  }
}
