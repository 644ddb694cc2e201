package dev.relaytck.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.relaytck.outcome.RunResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Writes a run's report directory: {@code report.json}, {@code junit.xml}, {@code report.html},
 * {@code summary.md}, {@code badge.svg} and {@code exchanges/}. Secrets are scrubbed from the
 * report model once, before any rendering, and once more from every rendered file, so no
 * format can leak what another one masked.
 */
public final class ReportWriter {
  private final ReportBuilder builder;
  private final SecretScrubber scrubber;

  public ReportWriter(ReportBuilder builder, SecretScrubber scrubber) {
    this.builder = builder;
    this.scrubber = scrubber;
  }

  /** Uses the kit's catalog for certification. */
  public static ReportWriter ofCatalog(SecretScrubber scrubber) {
    return new ReportWriter(ReportBuilder.ofCatalog(), scrubber);
  }

  /** What was written: the (scrubbed) report and every file, report.json first. */
  public record Written(Report report, Path dir, List<Path> files) {
    /** The exit code of {@code run} for this report (see {@link ExitStatus}). */
    public int exitCode() {
      return report.exitCode();
    }

    /** The console verdict to print at the end of the run. */
    public String consoleVerdict() {
      return new ConsoleVerdict().render(report, dir);
    }
  }

  public Written write(RunResult run, Path dir) throws IOException {
    Report report = scrubbed(builder.build(run));
    Files.createDirectories(dir);
    List<Path> files = new ArrayList<>();
    files.add(write(dir.resolve(ReportJson.FILE_NAME), ReportJson.toJson(report)));
    files.add(write(dir.resolve(JunitXmlWriter.FILE_NAME), new JunitXmlWriter().render(report)));
    files.add(write(dir.resolve(HtmlReport.FILE_NAME), new HtmlReport().render(report)));
    files.add(write(dir.resolve(SummaryMarkdown.FILE_NAME), new SummaryMarkdown().render(report)));
    files.add(write(dir.resolve(Badge.FILE_NAME), new Badge().render(report)));
    files.addAll(new ExchangeWriter(scrubber).write(dir, run.exchanges(), failingExchanges(run)));
    return new Written(report, dir, List.copyOf(files));
  }

  /** The exchange IDs behind failed or errored scenarios (waived ones too: they are still failures to reproduce). */
  static Set<String> failingExchanges(RunResult run) {
    Set<String> ids = new LinkedHashSet<>();
    run.checks().forEach(c -> c.scenarios().forEach(s -> {
      boolean failing = s.outcome() == dev.relaytck.outcome.Outcome.FAILED || s.outcome() == dev.relaytck.outcome.Outcome.ERROR;
      if (failing && s.exchange() != null) ids.add(s.exchange());
    }));
    return ids;
  }

  Report scrubbed(Report report) {
    ObjectMapper mapper = ReportJson.mapper();
    JsonNode tree = scrubber.scrub((JsonNode) mapper.valueToTree(report));
    try {
      return mapper.treeToValue(tree, Report.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("scrubbed report could not be rebuilt", e);
    }
  }

  private Path write(Path file, String content) throws IOException {
    Files.writeString(file, scrubber.scrub(content), StandardCharsets.UTF_8);
    return file;
  }
}
