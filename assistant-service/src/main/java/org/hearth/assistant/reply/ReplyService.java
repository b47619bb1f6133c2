package org.hearth.assistant.reply;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;
import org.hearth.assistant.answer.Answer;
import org.hearth.assistant.answer.AnswerService;
import org.hearth.assistant.command.Command;
import org.hearth.assistant.command.CommandService;
import org.hearth.assistant.config.AssistantConfig;
import org.hearth.assistant.config.ScopeSettings;
import org.hearth.assistant.dm.DmProtocol;
import org.hearth.assistant.dm.IncomingDm;
import org.hearth.nostr.crypto.PublicKey;

/**
 * What an assistant says to one message of a member, whatever transport carried it: a command's
 * result or an answer.
 */
@ApplicationScoped
public class ReplyService {
  private final CommandService commands;
  private final AnswerService answers;
  private final int maxIncomingChars;

  public ReplyService(CommandService commands, AnswerService answers, AssistantConfig config) {
    this.commands = commands;
    this.answers = answers;
    this.maxIncomingChars = config.dm().maxIncomingChars();
  }

  /**
   * The reply to {@code text} from {@code member} (hex pubkey), already a member of the scope, as
   * if it came as a NIP-17 DM.
   */
  public Answer reply(ScopeSettings scope, String member, String text) {
    return reply(
        scope,
        new IncomingDm(
            DmProtocol.NIP17, "local-" + UUID.randomUUID(), PublicKey.fromHex(member), text));
  }

  /** The reply to a DM of a member of the scope. */
  public Answer reply(ScopeSettings scope, IncomingDm dm) {
    String member = dm.sender().hex();
    String text = dm.text();
    if (text.length() > maxIncomingChars) {
      return new Answer(
          List.of(
              "Your message is too long for me ("
                  + text.length()
                  + " characters; at most "
                  + maxIncomingChars
                  + "). Please send a shorter one."),
          List.of(),
          Answer.Mode.COMMAND);
    }
    if (text.isBlank()) {
      return new Answer(
          List.of("Your message was empty. Send /help to see what I can do."),
          List.of(),
          Answer.Mode.COMMAND);
    }
    return Command.parse(text)
        .map(c -> commands.run(c, scope, dm))
        .orElseGet(() -> answers.answer(scope, member, text.strip()));
  }
}
