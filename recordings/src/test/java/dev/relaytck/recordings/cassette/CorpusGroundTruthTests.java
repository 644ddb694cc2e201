package dev.relaytck.recordings.cassette;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.relaytck.catalog.Location;
import dev.relaytck.catalog.MsgCheck;
import dev.relaytck.catalog.Severity;
import dev.relaytck.catalog.Violation;
import dev.relaytck.schema.SchemaIssue;
import dev.relaytck.schema.WireSchemas;
import dev.relaytck.schema.WireType;
import dev.relaytck.sse.SseParser;
import dev.relaytck.stream.JsonBodyValidator;
import dev.relaytck.stream.ResponseValidator;
import dev.relaytck.stream.StreamValidator;
import dev.relaytck.stream.ValidationReport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Proven on ground truth (issue 2): every response body in the corpus that the official API
 * really sent must pass the kit's own parser, stream validator and schemas. A rejection here
 * is a bug in the kit (a false positive a faithful relay would suffer), unless the manifest
 * flags the file as synthesized or the exchange is of the legacy {@code /v1/complete}
 * endpoint; those are skipped with their reason and counted.
 *
 * <ul>
 *   <li>raw SSE streams: framing (SSE-*), event grammar and accumulation (EVT-*), schemas;
 *   <li>re-serialized streams (one data JSON per line, no {@code event:} lines): grammar,
 *       accumulation and schemas, not framing;
 *   <li>JSON bodies (Messages, errors, count_tokens results), raw or re-serialized: schemas.
 * </ul>
 * INFO findings (extensions the kit does not know yet) are allowed and counted.
 */
class CorpusGroundTruthTests {
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * Rejections of real recordings that are known bugs of the validator, reported and not yet
   * fixed: each is {@code exchange id + " " + check id}. The test fails when one of them stops
   * happening (remove it) or a new one appears (fix the kit). Empty: the last ones (EVT-040 on
   * vercel's resumed programmatic tool calls, whose message_start is already complete) were
   * fixed in the stream validator.
   */
  private static final Set<String> KNOWN_FALSE_POSITIVES = Set.of();

  private final WireSchemas schemas = WireSchemas.bundled();

  @Test
  void everyRealResponseInTheCorpusValidatesClean() {
    Tally tally = new Tally();
    List<String> rejections = new ArrayList<>();
    Set<String> knownSeen = new TreeSet<>();

    for (CorpusExchange x : CorpusExchanges.all()) {
      String skip = CorpusExchanges.skipReason(x);
      if (skip != null) {
        tally.skip(x, skip);
        continue;
      }
      List<Violation> found = validate(x);
      List<Violation> failures = found.stream().filter(v -> v.check().severity() != Severity.INFO).toList();
      tally.validated(x, found.size() - failures.size());
      found.stream().filter(v -> v.check().severity() == Severity.INFO)
          .forEach(v -> tally.info.merge(v.check().id() + " " + v.message(), 1, Integer::sum));
      for (Violation v : failures) {
        if (KNOWN_FALSE_POSITIVES.contains(x.id() + " " + v.check().id())) {
          knownSeen.add(x.id() + " " + v.check().id());
        } else {
          rejections.add(x.id() + " [" + x.kind() + ", status " + x.status() + "]: " + v);
        }
      }
    }

    System.out.println(tally.table());
    System.out.println("known false positives still rejected (validator bugs, reported): " + knownSeen.size());
    assertThat(tally.validated).as("exchanges validated").isGreaterThan(600);
    assertThat(rejections).as("real recordings rejected by the kit (each is a false positive to fix)").isEmpty();
    assertThat(knownSeen).as("known false positives that no longer happen: remove them from KNOWN_FALSE_POSITIVES")
        .containsExactlyElementsOf(KNOWN_FALSE_POSITIVES);
  }

  private List<Violation> validate(CorpusExchange x) {
    byte[] body = x.responseBody();
    switch (x.kind()) {
      case SSE_RAW -> {
        return new ResponseValidator(schemas).validateStream(body).violations();
      }
      case SSE_RESERIALIZED -> {
        return reserializedStream(body).violations();
      }
      default -> {
        if (x.countTokens() && x.status() == 200) {
          return countTokens(x, body);
        }
        return new JsonBodyValidator(schemas).validate(body).violations();
      }
    }
  }

  /** One data JSON per line: each becomes a {@code data:} event, and event lines are not required. */
  private ValidationReport reserializedStream(byte[] lines) {
    StreamValidator validator = new StreamValidator(schemas, false);
    SseParser parser = new SseParser(validator);
    long now = System.nanoTime();
    for (String line : new String(lines, StandardCharsets.UTF_8).split("\r?\n")) {
      if (!line.isBlank()) {
        parser.feed(("data: " + line + "\n\n").getBytes(StandardCharsets.UTF_8), now);
      }
    }
    parser.end(now);
    return validator.finish(parser.position());
  }

  /** count_tokens results have no check of their own in the stream core: the schema decides. */
  private List<Violation> countTokens(CorpusExchange x, byte[] body) {
    JsonNode node;
    try {
      node = JSON.readTree(body);
    } catch (IOException e) {
      return List.of(Violation.of(MsgCheck.MSG_010, Location.NONE,
          "count_tokens result is not JSON: " + e.getMessage()));
    }
    List<Violation> out = new ArrayList<>();
    for (SchemaIssue issue : schemas.validate(WireType.COUNT_TOKENS_RESPONSE, node)) {
      out.add(Violation.of(issue.kind() == SchemaIssue.Kind.EXTENSION ? MsgCheck.MSG_020
          : MsgCheck.MSG_010, Location.pointer(issue.pointer()),
          "count_tokens result: " + issue.message()));
    }
    return out;
  }

  /** Counts for the printed table. */
  private static final class Tally {
    int validated;
    int extensions;
    final Map<String, int[]> bySource = new TreeMap<>();
    final Map<String, Integer> byFeature = new TreeMap<>();
    final Map<String, Integer> byKind = new TreeMap<>();
    final Map<String, Integer> skipped = new TreeMap<>();
    final Map<String, Integer> info = new TreeMap<>();

    void validated(CorpusExchange x, int infoFindings) {
      validated++;
      extensions += infoFindings;
      bySource.computeIfAbsent(x.repository(), k -> new int[2])[0]++;
      byKind.merge(x.kind().id(), 1, Integer::sum);
      x.features().forEach(f -> byFeature.merge(f, 1, Integer::sum));
    }

    void skip(CorpusExchange x, String reason) {
      bySource.computeIfAbsent(x.repository(), k -> new int[2])[1]++;
      skipped.merge(reason, 1, Integer::sum);
    }

    String table() {
      StringBuilder s = new StringBuilder("\nCorpus ground truth: " + validated + " exchanges validated, "
          + extensions + " INFO findings (extensions)\n");
      s.append(String.format("%n%-28s %9s %7s%n", "source", "validated", "skipped"));
      bySource.forEach((k, v) -> s.append(String.format("%-28s %9d %7d%n", k, v[0], v[1])));
      s.append(String.format("%n%-28s %9s%n", "body kind", "validated"));
      byKind.forEach((k, v) -> s.append(String.format("%-28s %9d%n", k, v)));
      s.append(String.format("%n%-28s %9s%n", "feature (manifest)", "validated"));
      byFeature.forEach((k, v) -> s.append(String.format("%-28s %9d%n", k, v)));
      s.append(String.format("%nINFO findings (extensions the kit does not know yet)%n"));
      info.forEach((k, v) -> s.append(String.format("  %4d  %s%n", v, k)));
      s.append(String.format("%nskipped%n"));
      skipped.forEach((k, v) -> s.append(String.format("  %4d  %s%n", v, k)));
      return s.toString();
    }
  }
}
