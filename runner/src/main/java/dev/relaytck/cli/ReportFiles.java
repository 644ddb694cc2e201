package dev.relaytck.cli;

import dev.relaytck.report.ReportJson;
import java.nio.file.Files;
import java.nio.file.Path;

/** Report arguments may name report.json or the report directory that holds it. */
final class ReportFiles {
  private ReportFiles() {}

  static Path resolve(Path argument) {
    return Files.isDirectory(argument) ? argument.resolve(ReportJson.FILE_NAME) : argument;
  }
}
