package dev.relaytck.cli;

import dev.relaytck.catalog.Severity;
import dev.relaytck.catalog.Violation;
import dev.relaytck.stream.ResponseValidator;
import dev.relaytck.stream.UnreadableBodyException;
import dev.relaytck.stream.ValidationReport;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code relay-tck validate FILE...}: checks captured response bodies, a raw SSE stream or a
 * JSON body (told apart by their first bytes), and prints every violation with its check ID,
 * event number, byte offset, and what was expected and what arrived. Files are streamed, so
 * a capture of any size can be checked.
 */
@Command(name = "validate", mixinStandardHelpOptions = true,
    description = {"Check captured responses: a raw SSE stream (text/event-stream body) or a JSON body",
        "(a Message or an error), auto-detected; gzip bodies are decoded."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
        "0:every file is clean (INFO findings, such as unknown new fields, do not count)",
        "1:a MUST check failed in some file (or a SHOULD check, with --strict)",
        "2:usage error, or a file is missing, unreadable, empty, binary or neither SSE nor JSON",
        "4:the kit itself failed (a bug)"})
public final class ValidateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "Captured response bodies to check; - reads standard input.")
  List<Path> files;

  /** Standard input, for {@code -}; tests pass their own. */
  InputStream stdin = System.in;

  @Option(names = "--strict", description = "SHOULD failures fail too (exit 1).")
  boolean strict;

  @Option(names = "--json", description = "Print one JSON object per file: its violations and the channel its bytes look like"
      + " (anthropic, bedrock, vertex, other or unknown) with the signals seen.")
  boolean json;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    ResponseValidator validator = new ResponseValidator();
    boolean unreadable = false;
    boolean failed = false;
    for (Path file : files) {
      ValidationReport report;
      boolean standardInput = file.toString().equals("-");
      try (InputStream in = standardInput ? nonClosing(stdin) : Files.newInputStream(file)) {
        report = validator.validate(in);
      } catch (UnreadableBodyException e) {
        err.println(file + ": cannot validate: " + e.getMessage());
        unreadable = true;
        continue;
      } catch (NoSuchFileException e) {
        err.println(file + ": no such file");
        unreadable = true;
        continue;
      } catch (AccessDeniedException e) {
        err.println(file + ": permission denied");
        unreadable = true;
        continue;
      } catch (IOException e) {
        err.println(file + ": cannot read: " + (Files.isDirectory(file) ? "it is a directory" : e.getMessage()));
        unreadable = true;
        continue;
      }
      if (json) {
        out.println(ValidationJson.line(file, report));
        failed |= failing(report);
      } else {
        failed |= print(out, file, report);
      }
    }
    out.flush();
    err.flush();
    if (unreadable) {
      return ExitCodes.USAGE;
    }
    return failed ? ExitCodes.FAILED : ExitCodes.OK;
  }

  /** Standard input stays open for whoever owns it. */
  private static InputStream nonClosing(InputStream in) {
    return new java.io.FilterInputStream(in) {
      @Override
      public void close() {}
    };
  }

  /** Prints one file's findings; returns whether they fail the run. */
  private boolean print(PrintWriter out, Path file, ValidationReport report) {
    long must = count(report, Severity.MUST);
    long should = count(report, Severity.SHOULD);
    long info = count(report, Severity.INFO);
    String what = report.kind() == ValidationReport.BodyKind.SSE
        ? "SSE stream, " + report.eventCount() + " events, " + report.bytes() + " bytes"
        : "JSON body, " + report.bytes() + " bytes";
    String verdict = must + should == 0 ? "clean" : must + " MUST and " + should + " SHOULD violation(s)";
    out.println(file + ": " + what + ": " + verdict + (info > 0 ? ", " + info + " INFO finding(s)" : ""));
    for (Violation v : report.violations()) {
      out.printf("  %-6s %s%n", v.check().severity(), v);
    }
    String summary = summary(report);
    if (summary != null) {
      out.println("  " + summary);
    }
    return must > 0 || (strict && should > 0);
  }

  private boolean failing(ValidationReport report) {
    return count(report, Severity.MUST) > 0 || (strict && count(report, Severity.SHOULD) > 0);
  }

  private static long count(ValidationReport report, Severity severity) {
    return report.violations().stream().filter(v -> v.check().severity() == severity).count();
  }

  /** One line on what the body amounts to, so a clean result is not a bare "ok". */
  private static String summary(ValidationReport report) {
    if (report.error() != null) {
      return "error: " + report.error().path("type").asText("?") + ": " + report.error().path("message").asText("");
    }
    if (report.message() == null) {
      return null;
    }
    StringBuilder blocks = new StringBuilder();
    report.message().path("content").forEach(b -> blocks.append(blocks.length() == 0 ? "" : ", ").append(b.path("type").asText("?")));
    return "message: model " + report.message().path("model").asText("?")
        + ", stop_reason " + report.message().path("stop_reason").asText("none")
        + ", content [" + blocks + "]"
        + ", usage in/out " + report.message().at("/usage/input_tokens").asText("?")
        + "/" + report.message().at("/usage/output_tokens").asText("?");
  }
}
