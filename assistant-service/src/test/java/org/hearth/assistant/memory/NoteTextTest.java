package org.hearth.assistant.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hearth.assistant.testing.TestEvents.event;

import org.hearth.nostr.crypto.LocalSigner;
import org.junit.jupiter.api.Test;

class NoteTextTest {
  private final LocalSigner author = LocalSigner.generate();

  @Test
  void longFormKeepsTitleAndSummary() {
    String text =
        NoteText.of(
            event(author, 30023, "Body text", 1, "d", "x", "title", "Trip", "summary", "Short"),
            1000);
    assertThat(text).isEqualTo("Trip\nShort\nBody text");
  }

  @Test
  void dateBasedCalendarEventsKeepTheirDate() {
    String text =
        NoteText.of(
            event(
                author,
                31922,
                "",
                1,
                "d",
                "x",
                "title",
                "Holiday",
                "start",
                "2026-12-24",
                "end",
                "2026-12-26"),
            1000);
    assertThat(text).isEqualTo("Calendar event: Holiday, starts 2026-12-24, ends 2026-12-26.");
  }

  @Test
  void listsShowTheirItemsButNotTheirEncryptedPrivatePart() {
    String text =
        NoteText.of(
            event(
                author,
                30003,
                "ENCRYPTED-PRIVATE-ITEMS",
                1,
                "d",
                "recipes",
                "t",
                "baking",
                "r",
                "https://example.org/bread"),
            1000);
    assertThat(text)
        .contains("List \"recipes\"", "- t baking", "- r https://example.org/bread")
        .doesNotContain("ENCRYPTED");
  }

  @Test
  void longNotesAreTruncated() {
    assertThat(NoteText.of(event(author, 1, "x".repeat(100), 1), 10)).hasSize(10);
  }
}
