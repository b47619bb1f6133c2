package org.hearth.assistant.command;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CommandTest {
  @Test
  void parsesTheFirstWordCaseInsensitively() {
    assertThat(Command.parse("/help")).contains(Command.HELP);
    assertThat(Command.parse("  /FORGET please")).contains(Command.FORGET);
    assertThat(Command.parse("/retrain\nnow")).contains(Command.RETRAIN);
    assertThat(Command.parse("/status")).contains(Command.STATUS);
    assertThat(Command.parse("/sources")).contains(Command.SOURCES);
  }

  @Test
  void otherMessagesAreQuestions() {
    assertThat(Command.parse("what is /help?")).isEmpty();
    assertThat(Command.parse("/unknown thing")).isEmpty();
    assertThat(Command.parse("/helpme")).isEmpty();
  }
}
