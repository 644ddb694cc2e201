package dev.relaytck.context;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.relaytck.check.EvidenceSettings;
import dev.relaytck.check.RunContext;
import dev.relaytck.identity.AnswerJudge;
import dev.relaytck.identity.ProbeAnswer;
import dev.relaytck.identity.ProbeFamily;
import dev.relaytck.identity.RecallDocument;
import dev.relaytck.identity.Reference;
import dev.relaytck.identity.RenderedProbe;
import dev.relaytck.live.TokenAgreement;
import dev.relaytck.target.Exchange;
import dev.relaytck.target.ExchangeRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * CTX-050's probe: a fact (an archive's access code) placed at 10 %, 50 % and 90 % depth of a
 * generated log of about {@link #TOKENS} tokens ({@link RecallDocument}, the identity recall
 * family's haystack made longer), asked for in words chosen from the run's seed, with no kit
 * marker. Each document is sized with count_tokens first; each answer is judged by
 * {@link AnswerJudge} as the identity probes are, and its {@code usage.input_tokens} compared
 * with the count, so a missed fact can be told from a document the model never saw whole.
 */
public final class LongRecall {
  public static final long TOKENS = 100_000;
  public static final int[] DEPTHS = {10, 50, 90};
  public static final int MAX_TOKENS = 16;
  /** Characters per token of the log, for the first guess of its length (count_tokens corrects it). */
  static final double CHARS_PER_TOKEN = 3.6;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String[] QUESTIONS = {
      "Somewhere in the log above is the access code of the %s archive. What is it? Give only the digits.",
      "The records office noted an access code for the %s archive in this log. Reply with that code alone.",
      "Find the %s archive's access code in the shipping log and answer with nothing but the number."};

  private LongRecall() {}

  /**
   * One depth: whether the fact came back, and how much of the document the model was billed for.
   *
   * @param countedTokens count_tokens of the request, -1 when it did not answer
   * @param billedInput the answer's input tokens, -1 when absent
   */
  public record Probe(int depth, String code, long countedTokens, long billedInput, boolean recalled, String answer,
      int status, String exchange) {
    /** The model was billed for clearly less than the request held: part of the document never reached it. */
    public boolean shortfall() {
      return countedTokens > 0 && billedInput >= 0 && billedInput < countedTokens
          && !TokenAgreement.inputAgrees(billedInput, countedTokens);
    }
  }

  public static List<Probe> run(RunContext run) {
    long seed = run.setting(EvidenceSettings.SEED).map(v -> {
      try {
        return Long.parseLong(v.trim());
      } catch (NumberFormatException e) {
        return 1L;
      }
    }).orElse(1L);
    Random r = new Random(seed ^ 0x43545835L);
    String model = run.config().model();
    List<Probe> out = new ArrayList<>();
    for (int depth : DEPTHS) {
      long docSeed = r.nextLong();
      String question = QUESTIONS[r.nextInt(QUESTIONS.length)];
      // The document is regenerated at each size count_tokens asks for; the needle and its code stay the same.
      RecallDocument[] doc = new RecallDocument[1];
      LiveContext.Sized sized = LiveContext.sized(run, TOKENS, bytes -> {
        doc[0] = RecallDocument.generate(docSeed, depth / 100.0, (int) (bytes * CHARS_PER_TOKEN / LongPrompts.BYTES_PER_TOKEN));
        return request(model, doc[0], question);
      });
      Exchange e = run.client().send("ctx-recall-" + depth, sized.request());
      ProbeAnswer a = ProbeAnswer.of(e);
      RenderedProbe p = new RenderedProbe("ctx-recall-" + depth, ProbeFamily.RECALL, "", doc[0].code(), true);
      out.add(new Probe(depth, doc[0].code(), sized.countedTokens(), LiveContext.billedInput(e), AnswerJudge.succeeded(p, a),
          a.ok() ? a.text() : a.error(), e.status(), e.summary()));
    }
    return out;
  }

  /** The reference's recall rate: {successes, trials} over its recall probes' answers (at ~20k tokens). */
  public static int[] referenceRate(Reference reference) {
    int k = 0;
    int n = 0;
    for (Reference.Probe p : reference.probes()) {
      if (p.family() != ProbeFamily.RECALL) continue;
      for (ProbeAnswer a : p.samples()) {
        n++;
        if (AnswerJudge.succeeded(p.rendered(), a)) k++;
      }
    }
    return new int[] {k, n};
  }

  static ExchangeRequest request(String model, RecallDocument doc, String question) {
    ObjectNode body = JSON.createObjectNode();
    if (model != null) body.put("model", model);
    body.put("max_tokens", MAX_TOKENS);
    body.putArray("messages").addObject().put("role", "user").put("content", doc.text() + "\n\n" + question.formatted(doc.archive()));
    try {
      return ExchangeRequest.postJson("/v1/messages", JSON.writeValueAsString(body));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
