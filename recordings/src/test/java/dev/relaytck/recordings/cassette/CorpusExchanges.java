package dev.relaytck.recordings.cassette;

import java.util.ArrayList;
import java.util.List;

/** Every exchange of the shared corpus, read once per test JVM (the ground-truth tests share it). */
final class CorpusExchanges {
  private static List<CorpusExchange> all;

  private CorpusExchanges() {}

  /** Skips the calling test, saying why, when the corpus is absent. */
  static synchronized List<CorpusExchange> all() {
    if (all == null) {
      CorpusReader corpus = CorpusReader.open(CorpusDir.require());
      List<CorpusExchange> read = new ArrayList<>();
      for (ManifestEntry entry : corpus.manifest().entries()) {
        read.addAll(corpus.read(entry.path()));
      }
      all = List.copyOf(read);
    }
    return all;
  }

  /** Why an exchange is not ground truth for the kit's validators, or {@code null} when it is. */
  static String skipReason(CorpusExchange x) {
    if (x.synthesized()) {
      return "flagged synthesized in the manifest";
    }
    if (x.legacyCompletion()) {
      return "legacy /v1/complete endpoint";
    }
    String endpoint = x.endpoint();
    if (endpoint != null && !endpoint.endsWith("/v1/messages") && !x.countTokens() && x.status() < 400) {
      return "endpoint the kit does not validate (" + endpoint.replaceAll("/(msgbatch|file)_\\w+", "/{id}") + ")";
    }
    if (x.kind() == BodyKind.OTHER) {
      return "no body";
    }
    return null;
  }
}
