package org.hearth.assistant.command;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.hearth.assistant.answer.Answer;
import org.hearth.assistant.answer.AnswerSplitter;
import org.hearth.assistant.config.AssistantConfig;
import org.hearth.assistant.config.ScopeSettings;
import org.hearth.assistant.conversation.ConversationService;
import org.hearth.assistant.dm.IncomingDm;
import org.hearth.assistant.dm.MembershipService;
import org.hearth.assistant.finetune.ConsentService;
import org.hearth.assistant.finetune.RetrainService;
import org.hearth.assistant.llm.ModelStatus;
import org.hearth.assistant.llm.OllamaGateway;
import org.hearth.assistant.llm.ScopeModels;
import org.hearth.assistant.memory.MemoryService;

/** Runs DM commands for a member of a scope. */
@ApplicationScoped
public class CommandService {
  private final ConversationService conversations;
  private final MemoryService memory;
  private final OllamaGateway ollama;
  private final ScopeModels models;
  private final MembershipService membership;
  private final RetrainService retrain;
  private final ConsentService consent;
  private final AssistantConfig config;

  public CommandService(
      ConversationService conversations,
      MemoryService memory,
      OllamaGateway ollama,
      ScopeModels models,
      MembershipService membership,
      RetrainService retrain,
      ConsentService consent,
      AssistantConfig config) {
    this.conversations = conversations;
    this.memory = memory;
    this.ollama = ollama;
    this.models = models;
    this.membership = membership;
    this.retrain = retrain;
    this.consent = consent;
    this.config = config;
  }

  /** Runs {@code command}, the first word of {@code dm}, for the DM's sender. */
  public Answer run(Command command, ScopeSettings scope, IncomingDm dm) {
    String member = dm.sender().hex();
    String text =
        switch (command) {
          case HELP -> help(scope);
          case SOURCES -> sources(scope, member);
          case FORGET -> {
            int n = conversations.forget(scope.relay(), member);
            yield "Done: I erased our conversation history (" + n + " messages).";
          }
          case STATUS -> status(scope);
          case CONSENT -> consent.command(scope, member, Command.argument(dm.text()));
          case RETRAIN ->
              membership.isAdmin(scope, member)
                  ? retrain.request(scope, dm)
                  : "Only an admin of the " + scope.relay() + " relay can ask for retraining.";
        };
    return new Answer(
        AnswerSplitter.split(text, config.dm().maxReplyChars()), List.of(), Answer.Mode.COMMAND);
  }

  private static String help(ScopeSettings scope) {
    StringBuilder sb =
        new StringBuilder("I am the ")
            .append(scope.relay())
            .append(" assistant. Ask me anything about the notes on the ")
            .append(scope.relay())
            .append(" relay. Commands:");
    for (Command c : Command.values()) {
      sb.append("\n").append(c.word()).append(" - ").append(c.help());
    }
    return sb.toString();
  }

  private String sources(ScopeSettings scope, String member) {
    List<String> s = conversations.lastSources(scope.relay(), member);
    return s.isEmpty()
        ? "My last answer cited no notes."
        : "My last answer rests on:\n" + String.join("\n", s);
  }

  private String status(ScopeSettings scope) {
    ModelStatus s = ollama.status();
    String current = models.modelFor(scope).orElse("?");
    String model =
        s.reachable()
            ? "Language model: "
                + current
                + (current.equals(scope.baseModel())
                    ? " (base model)"
                    : " (fine-tuned for this relay)")
                + (s.has(current) ? "" : ", which Ollama does not have: answers fall back to notes")
                + ", Ollama "
                + s.version().orElse("?")
                + "."
            : "Language model: none connected (Ollama unreachable); I answer with notes only.";
    return model
        + "\nMemory: "
        + memory.count(scope.relay())
        + " notes from "
        + scope.relayUrl()
        + ".";
  }
}
