package org.hearth.assistant.answer;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hearth.assistant.config.AssistantConfig;
import org.hearth.assistant.config.ScopeSettings;
import org.hearth.assistant.conversation.ConversationService;
import org.hearth.assistant.conversation.Turn;
import org.hearth.assistant.llm.ChatOutcome;
import org.hearth.assistant.llm.OllamaGateway;
import org.hearth.assistant.llm.ScopeModels;
import org.hearth.assistant.memory.MemoryNote;
import org.hearth.assistant.memory.MemoryService;
import org.jboss.logging.Logger;

/**
 * Answers a member's question: relevant notes of the scope's relay + the member's recent
 * conversation + the scope's persona, sent to the scope's model; without a model, the notes
 * themselves, with an honest word about it.
 */
@ApplicationScoped
public class AnswerService {
  private static final Logger LOG = Logger.getLogger(AnswerService.class);
  private static final Pattern CITATION = Pattern.compile("\\[(\\d{1,2})]");
  private static final int SNIPPET_CHARS = 280;

  private final MemoryService memory;
  private final ConversationService conversations;
  private final OllamaGateway ollama;
  private final ScopeModels models;
  private final ExchangeListener exchanges;
  private final AssistantConfig config;
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

  public AnswerService(
      MemoryService memory,
      ConversationService conversations,
      OllamaGateway ollama,
      ScopeModels models,
      ExchangeListener exchanges,
      AssistantConfig config) {
    this.memory = memory;
    this.conversations = conversations;
    this.ollama = ollama;
    this.models = models;
    this.exchanges = exchanges;
    this.config = config;
  }

  /** Answers and records both the question and the answer in the member's history. */
  public Answer answer(ScopeSettings scope, String member, String question) {
    // The question's embedding (an Ollama call) and the history (a query) run while the full-text
    // search runs; the embedding search waits for the embedding only then.
    Future<Optional<float[]>> embedding = executor.submit(() -> ollama.embed(question));
    Future<List<Turn>> recent =
        executor.submit(
            () ->
                conversations.forPrompt(
                    scope.relay(), member, config.dm().historyTurns(), config.dm().historyChars()));
    List<MemoryNote> notes =
        memory.search(
            scope.relay(), question, config.memory().notesPerAnswer(), () -> join(embedding));
    List<Turn> history = join(recent);
    Draft draft =
        models
            .modelFor(scope)
            .map(m -> draft(scope, m, notes, history, question))
            .orElse(new Draft.Fallback("No language model is connected right now"));
    String said; // what the history keeps (sources are kept beside it)
    String text; // what is sent
    List<String> sources;
    Answer.Mode mode;
    switch (draft) {
      case Draft.Written w -> {
        said = w.text();
        sources = cited(said, notes, scope);
        text = sources.isEmpty() ? said : said + "\n\nSources:\n" + String.join("\n", sources);
        mode = w.mode();
      }
      case Draft.Fallback f -> {
        said = retrievalOnly(f.reason(), notes, scope);
        text = said;
        sources = notes.stream().map(n -> SourceLinks.link(n, scope.relayUrl())).toList();
        mode = Answer.Mode.RETRIEVAL_ONLY;
      }
    }
    conversations.appendExchange(scope.relay(), member, question, said, sources);
    exchanges.exchanged(scope, member);
    return new Answer(AnswerSplitter.split(text, config.dm().maxReplyChars()), sources, mode);
  }

  private static <T> T join(Future<T> f) {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      f.cancel(true);
      throw new IllegalStateException("interrupted while answering", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  @PreDestroy
  void close() {
    executor.shutdownNow();
  }

  /** What the model produced, or why the notes must speak for themselves. */
  private sealed interface Draft {
    record Written(String text, Answer.Mode mode) implements Draft {}

    record Fallback(String reason) implements Draft {}
  }

  private Draft draft(
      ScopeSettings scope,
      String model,
      List<MemoryNote> notes,
      List<Turn> history,
      String question) {
    ChatOutcome outcome =
        ollama.chat(model, Prompt.build(scope, notes, history, question), piece -> {});
    return switch (outcome) {
      case ChatOutcome.Completed c when !c.text().isBlank() ->
          new Draft.Written(c.text().strip(), Answer.Mode.MODEL);
      case ChatOutcome.Completed c ->
          new Draft.Fallback("The language model returned an empty answer");
      case ChatOutcome.TimedOut t when !t.partial().isBlank() ->
          new Draft.Written(
              t.partial().strip() + "\n\n(The language model took too long; answer cut short.)",
              Answer.Mode.MODEL_PARTIAL);
      case ChatOutcome.TimedOut t ->
          new Draft.Fallback("The language model did not answer in time");
      case ChatOutcome.Failed f -> {
        LOG.warnf("[%s] language model %s failed: %s", scope.relay(), model, f.reason());
        yield new Draft.Fallback("The language model is not available right now");
      }
    };
  }

  private static String retrievalOnly(String reason, List<MemoryNote> notes, ScopeSettings scope) {
    StringBuilder sb = new StringBuilder(reason).append(", so I cannot write an answer. ");
    if (notes.isEmpty()) {
      return sb.append("I found no note on the ")
          .append(scope.relay())
          .append(" relay that matches your question.")
          .toString();
    }
    sb.append("These notes on the ")
        .append(scope.relay())
        .append(" relay match your question best:");
    for (int i = 0; i < notes.size(); i++) {
      MemoryNote n = notes.get(i);
      sb.append("\n\n")
          .append(i + 1)
          .append(". ")
          .append(snippet(n.content()))
          .append("\n")
          .append(SourceLinks.link(n, scope.relayUrl()));
    }
    return sb.toString();
  }

  /** Links of the notes cited as [n]; all notes given when the answer cites none. */
  private static List<String> cited(String text, List<MemoryNote> notes, ScopeSettings scope) {
    Set<Integer> indexes = new LinkedHashSet<>();
    Matcher m = CITATION.matcher(text);
    while (m.find()) {
      int i = Integer.parseInt(m.group(1));
      if (i >= 1 && i <= notes.size()) {
        indexes.add(i - 1);
      }
    }
    List<MemoryNote> used = new ArrayList<>();
    if (indexes.isEmpty()) {
      used.addAll(notes);
    } else {
      indexes.forEach(i -> used.add(notes.get(i)));
    }
    return used.stream().map(n -> SourceLinks.link(n, scope.relayUrl())).toList();
  }

  private static String snippet(String content) {
    String s = content.strip().replaceAll("\\s+", " ");
    return s.length() > SNIPPET_CHARS ? s.substring(0, SNIPPET_CHARS) + "..." : s;
  }
}
