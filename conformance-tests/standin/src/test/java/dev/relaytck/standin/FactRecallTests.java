package dev.relaytck.standin;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The stand-in recalls a fact stated once in a long prompt, and only a fact it was given. */
class FactRecallTests {
  private static String log(int lines, int factAt) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < lines; i++) {
      if (i == factAt) s.append("Note for the records office: the access code of the Heron archive is 4821.\n");
      s.append("Day ").append(i).append(": the Depot logged ").append(i % 300).append(" crates of rope coils. ");
    }
    return s.toString();
  }

  @Test
  void aFactDeepInTheDocumentIsRecalled() {
    String prompt = log(20_000, 10_000) + "\n\nWhat is the access code of the Heron archive? Reply with the number only.";
    assertThat(FactRecall.answer(prompt, prompt)).contains("4821");
  }

  @Test
  void aFactCutFromTheDocumentOrNotAskedForIsNotInvented() {
    String question = "\n\nWhat is the access code of the Heron archive? Reply with the number only.";
    String cut = log(20_000, -1) + question;
    assertThat(FactRecall.answer(cut, cut)).isEmpty();
    String other = log(20_000, 10_000) + "\n\nWhat is the access code of the Falcon archive? Reply with the number only.";
    assertThat(FactRecall.answer(other, other)).isEmpty();
    // A prompt that states the fact but asks nothing about it gets the model's ordinary answer.
    String statement = log(100, 50);
    assertThat(FactRecall.answer(statement, statement)).isEmpty();
  }
}
