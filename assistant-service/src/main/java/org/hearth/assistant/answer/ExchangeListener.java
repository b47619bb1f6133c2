package org.hearth.assistant.answer;

import org.hearth.assistant.config.ScopeSettings;

/** Told after a member's question and its answer were stored in the conversation history. */
public interface ExchangeListener {
  void exchanged(ScopeSettings scope, String member);
}
