package org.hearth.assistant.answer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class AnswerSplitterTest {
  @Test
  void shortAnswersStayWhole() {
    assertThat(AnswerSplitter.split("  Hello there.  ", 100)).containsExactly("Hello there.");
  }

  @Test
  void splitsAtParagraphsFirst() {
    String a = "First paragraph is here. It has two sentences.";
    String b = "Second paragraph.";
    assertThat(AnswerSplitter.split(a + "\n\n" + b, 60)).containsExactly(a, b);
  }

  @Test
  void thenAtSentenceEnds() {
    String text = "One sentence here. Another sentence follows! And a third one? Yes.";
    List<String> parts = AnswerSplitter.split(text, 40);
    assertThat(parts).allSatisfy(p -> assertThat(p.length()).isLessThanOrEqualTo(40));
    assertThat(parts.get(0)).isEqualTo("One sentence here.");
    assertThat(String.join(" ", parts)).isEqualTo(text);
  }

  @Test
  void neverCutsWordsOrLinksThatFit() {
    String link = "nostr:nevent1qqsxyz" + "q".repeat(60);
    String text = "word ".repeat(30) + link + " end";
    List<String> parts = AnswerSplitter.split(text, 100);
    assertThat(parts).allSatisfy(p -> assertThat(p.length()).isLessThanOrEqualTo(100));
    assertThat(parts).anySatisfy(p -> assertThat(p).contains(link));
    assertThat(String.join(" ", parts).replaceAll("\\s+", " ")).isEqualTo(text.strip());
  }

  @Test
  void hardCutsOnlyAWordLongerThanADm() {
    List<String> parts = AnswerSplitter.split("x".repeat(50), 20);
    assertThat(parts).containsExactly("x".repeat(20), "x".repeat(20), "x".repeat(10));
  }

  @Test
  void rejectsAnAbsurdMaximum() {
    assertThatThrownBy(() -> AnswerSplitter.split("a", 5))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
