package org.hearth.cli.finetune;

import picocli.CommandLine.Command;

/** {@code hearth finetune}: fine-tune a relay's household model through the finetune service. */
@Command(
    name = "finetune",
    mixinStandardHelpOptions = true,
    description =
        "Fine-tune the household model on one relay's data (finetune service REST API, signed"
            + " with your key file; you must be the relay's owner or an admin).",
    subcommands = {
      FinetuneCommands.Start.class,
      FinetuneCommands.ListJobs.class,
      FinetuneCommands.Status.class,
      FinetuneCommands.Cancel.class,
      FinetuneCommands.Follow.class,
      FinetuneCommands.Report.class
    })
public final class FinetuneCommand {}
