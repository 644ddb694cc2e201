package dev.relaytck.cli;

import dev.relaytck.report.MatrixReport;
import dev.relaytck.report.Report;
import dev.relaytck.report.ReportJson;
import dev.relaytck.report.UnreadableReportException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code relay-tck matrix REPORT.json... [--out FILE.html]}: several targets side by side. */
@Command(name = "matrix", mixinStandardHelpOptions = true,
    description = "Side-by-side table of several runs: one row per check, one column per target (text on stdout, HTML with --out).",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:table written", "2:usage error or unreadable report"})
final class MatrixCommand implements Callable<Integer> {
  @Spec CommandLine.Model.CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "REPORT", description = "report.json files (or report directories)")
  List<Path> reports;

  @Option(names = "--out", paramLabel = "FILE.html", description = "also write the table as a self-contained HTML page")
  Path out;

  @Override
  public Integer call() {
    List<Report> read = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (Path p : reports) {
      try {
        read.add(ReportJson.read(ReportFiles.resolve(p)));
        names.add(p.toString());
      } catch (UnreadableReportException e) {
        spec.commandLine().getErr().println("relay-tck matrix: " + e.getMessage());
        return ExitCodes.USAGE;
      }
    }
    MatrixReport matrix = new MatrixReport(MatrixReport.columns(read, names));
    spec.commandLine().getOut().print(matrix.renderText());
    if (out != null) {
      try {
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
        Files.writeString(out, matrix.renderHtml(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        spec.commandLine().getErr().println("relay-tck matrix: cannot write " + out + ": " + e.getMessage());
        return ExitCodes.USAGE;
      }
      spec.commandLine().getOut().println("HTML: " + out);
    }
    spec.commandLine().getOut().flush();
    return ExitCodes.OK;
  }
}
