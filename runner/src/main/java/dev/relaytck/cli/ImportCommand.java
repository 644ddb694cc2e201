package dev.relaytck.cli;

import dev.relaytck.recordings.cassette.CassetteImporter;
import dev.relaytck.recordings.cassette.CorpusException;
import dev.relaytck.recordings.cassette.CorpusReader;
import dev.relaytck.recordings.cassette.ImportSelection;
import dev.relaytck.recordings.format.Recording;
import dev.relaytck.recordings.format.RecordingFormatException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code relay-tck import}: converts the selected corpus exchanges into recordings. */
@Command(name = "import", mixinStandardHelpOptions = true,
    description = {
        "Converts recorded exchanges of a corpus folder (published vcrpy / Ruby VCR cassettes and fixtures,",
        "see its MANIFEST.md) into relay-tck recordings, as the selection file says, with their attribution",
        "(NOTICE.md and the sources' licence texts beside the recordings).",
        "The recordings already in --out (mappings/*.json, __files/*) are replaced."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:recordings written", "2:unreadable corpus or selection, or a selected exchange unusable",
        "4:the kit itself failed"})
public final class ImportCommand implements Callable<Integer> {
  @Option(names = "--corpus", required = true, paramLabel = "DIR",
      description = "The corpus folder (holds manifest.json and MANIFEST.md).")
  Path corpus;

  @Option(names = "--out", required = true, paramLabel = "DIR",
      description = "Where to write mappings/, __files/, index.txt, NOTICE.md and licenses/.")
  Path out;

  @Option(names = "--selection", paramLabel = "FILE",
      description = "Selection file (scenario -> corpus file and exchange). Default: the one bundled in the kit.")
  Path selection;

  @Override
  public Integer call() {
    if (!Files.isDirectory(corpus)) {
      System.err.println("relay-tck import: --corpus " + corpus + " is not a folder");
      return ExitCodes.USAGE;
    }
    try {
      ImportSelection chosen = selection == null ? ImportSelection.bundled() : ImportSelection.read(selection);
      List<Recording> written = new CassetteImporter(CorpusReader.open(corpus), chosen).writeTo(out);
      long derived = written.stream().filter(r -> "derived".equals(r.provenance().kind())).count();
      System.out.println("wrote " + written.size() + " recordings (" + (written.size() - derived) + " captured, "
          + derived + " derived) to " + out);
      return ExitCodes.OK;
    } catch (CorpusException | RecordingFormatException e) {
      System.err.println("relay-tck import: " + e.getMessage());
      return ExitCodes.USAGE;
    }
  }
}
