package org.hearth.cli.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.hearth.cli.ExitCodes;
import org.hearth.nostr.nip86.HearthMethod;
import org.hearth.nostr.nip86.Nip86;
import org.hearth.nostr.nip86.Nip86CallException;
import org.hearth.nostr.nip86.Nip86Method;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code hearth admin relay …}. */
@Command(
    name = "relay",
    description = "The relay's information, stats, name, description and icon.",
    subcommands = {
      RelayCommands.Info.class,
      RelayCommands.Stats.class,
      RelayCommands.Methods.class,
      RelayCommands.Name.class,
      RelayCommands.Description.class,
      RelayCommands.Icon.class
    })
final class RelayCommands {
  @Command(name = "info", description = "The relay's NIP-11 document (needs no key).")
  static final class Info extends Leaf {
    @Override
    public Integer call() {
      AdminCommand a = admin();
      HttpRequest req =
          HttpRequest.newBuilder(Nip86.httpUrl(a.relay))
              .timeout(a.timeout())
              .header("Accept", "application/nostr+json")
              .GET()
              .build();
      try {
        HttpResponse<String> r =
            HttpClient.newBuilder()
                .connectTimeout(a.timeout())
                .build()
                .send(req, HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
          throw new Nip86CallException(
              Nip86CallException.Reason.HTTP_STATUS,
              r.statusCode(),
              "the relay answered HTTP " + r.statusCode() + " for its NIP-11 document");
        }
        a.output().print(new ObjectMapper().readTree(r.body()), "");
        return ExitCodes.OK;
      } catch (IOException e) {
        throw new Nip86CallException(
            Nip86CallException.Reason.UNREACHABLE, 0, "cannot reach " + a.relay + ": " + e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return ExitCodes.UNREACHABLE;
      }
    }
  }

  @Command(name = "stats", description = "Events stored, open connections, members.")
  static final class Stats extends Leaf {
    @Override
    public Integer call() {
      return run("", HearthMethod.RELAY_STATS);
    }
  }

  @Command(name = "methods", description = "The management methods the relay supports.")
  static final class Methods extends Leaf {
    @Override
    public Integer call() {
      return run("", Nip86Method.SUPPORTED_METHODS);
    }
  }

  @Command(name = "name", description = "Rename the relay (NIP-11 name).")
  static final class Name extends Leaf {
    @Parameters(index = "0")
    String value;

    @Override
    public Integer call() {
      return run("relay name is now " + value, Nip86Method.CHANGE_RELAY_NAME, value);
    }
  }

  @Command(name = "description", description = "Change the relay's NIP-11 description.")
  static final class Description extends Leaf {
    @Parameters(index = "0")
    String value;

    @Override
    public Integer call() {
      return run("description changed", Nip86Method.CHANGE_RELAY_DESCRIPTION, value);
    }
  }

  @Command(name = "icon", description = "Change the relay's NIP-11 icon URL.")
  static final class Icon extends Leaf {
    @Parameters(index = "0")
    String value;

    @Override
    public Integer call() {
      return run("icon changed", Nip86Method.CHANGE_RELAY_ICON, value);
    }
  }
}
