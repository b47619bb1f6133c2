package org.hearth.assistant.memory;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SearchTermsTest {
  @Test
  void keepsOnlyWordsSoNoInputCanBreakTheQuery() {
    assertThat(SearchTerms.orQuery("When's the dentist?! ') | !(&"))
        .isEqualTo("'when' | 'the' | 'dentist'");
    assertThat(SearchTerms.orQuery("Zahnarzt für Kinder"))
        .isEqualTo("'zahnarzt' | 'für' | 'kinder'");
    assertThat(SearchTerms.orQuery("?!")).isEmpty();
    assertThat(SearchTerms.orQuery(null)).isEmpty();
  }

  @Test
  void boundsTheNumberOfTerms() {
    assertThat(SearchTerms.orQuery("word".repeat(1) + " w1 w2 w3 w4 w5 w6 w7 w8 w9 ".repeat(10)))
        .matches("('[^']+'( \\| )?){1,32}");
  }
}
