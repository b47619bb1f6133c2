package org.hearth.cli.finetune;

import java.util.Optional;

/**
 * One server-sent event.
 *
 * @param name the {@code event:} field ({@code message} when absent)
 * @param data the {@code data:} lines joined by newlines
 * @param id the {@code id:} field, when the server sent one
 */
public record SseEvent(String name, String data, Optional<String> id) {}
