package org.hearth.cli.finetune;

import java.io.PrintWriter;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.concurrent.Callable;
import org.hearth.cli.ExitCodes;
import org.hearth.cli.shared.KeyFileOption;
import org.hearth.cli.shared.OutputOptions;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** A {@code hearth finetune} subcommand: the service URL, key file and output options. */
abstract class FinetuneLeaf implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin FinetuneOptions service;

  @Mixin KeyFileOption key;

  @Mixin OutputOptions options;

  FinetuneClient client() {
    HttpClient http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(options.timeout())
            .build();
    return new FinetuneClient(
        http, service.url(), key.signer(), options.timeout(), Clock.systemUTC());
  }

  PrintWriter out() {
    return spec.commandLine().getOut();
  }

  PrintWriter err() {
    return spec.commandLine().getErr();
  }

  /** Follows {@code id} to its end and prints the summary; 0 when it SUCCEEDED. */
  int follow(FinetuneClient client, String id, boolean tty) {
    JobFollower f = new JobFollower(client, out(), err(), tty, Clock.systemUTC(), Thread::sleep);
    Job end = f.follow(id);
    if (options.json()) {
      out().println(end.raw().toString());
      out().flush();
    } else {
      f.summary(end);
    }
    return end.state() == Job.State.SUCCEEDED ? ExitCodes.OK : ExitCodes.JOB_FAILED;
  }
}
