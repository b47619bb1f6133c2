package org.hearth.cli;

import org.hearth.cli.finetune.FinetuneCallException;
import org.hearth.cli.shared.KeyFileException;
import org.hearth.nostr.NostrException;
import org.hearth.nostr.nip86.Nip86CallException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/** Turns failures into one plain sentence on stderr and an exit code; no stack traces. */
final class PlainErrors implements IExecutionExceptionHandler {
  @Override
  public int handleExecutionException(Exception e, CommandLine cl, ParseResult parsed) {
    String message;
    int code;
    switch (e) {
      case KeyFileException k -> {
        message = k.getMessage();
        code = ExitCodes.KEY_FILE;
      }
      case Nip86CallException c -> {
        code =
            switch (c.reason()) {
              case UNREACHABLE, TIMEOUT, BAD_RESPONSE, HTTP_STATUS -> ExitCodes.UNREACHABLE;
              case UNAUTHORIZED, REFUSED -> ExitCodes.REFUSED;
            };
        message =
            switch (c.reason()) {
              case REFUSED -> "the relay refused: " + c.getMessage();
              case UNAUTHORIZED ->
                  c.getMessage()
                      + " (is this key an owner or admin of the relay, and the clock right?)";
              default -> c.getMessage();
            };
      }
      case FinetuneCallException f -> {
        code = f.refused() ? ExitCodes.REFUSED : ExitCodes.UNREACHABLE;
        message =
            f.refused()
                ? "the finetune service refused: " + f.getMessage()
                : f.status() >= 500
                    ? "the finetune service failed: " + f.getMessage()
                    : f.getMessage();
      }
      case IllegalArgumentException x -> {
        message = x.getMessage();
        code = ExitCodes.USAGE;
      }
      case NostrException x -> {
        message = x.getMessage();
        code = ExitCodes.USAGE;
      }
      default -> {
        message = "unexpected error: " + e;
        code = ExitCodes.UNREACHABLE;
      }
    }
    cl.getErr().println("hearth: " + message);
    cl.getErr().flush();
    return code;
  }
}
