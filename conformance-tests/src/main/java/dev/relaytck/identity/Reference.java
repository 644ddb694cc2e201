package dev.relaytck.identity;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A reference recorded from the official API with {@code relay-tck record --profile identity}:
 * every probe as worded for it, with every answer, count_tokens, timing and the shapes of ids and
 * headers, and where it came from. On disk as {@code DIR/reference.json}
 * (schemas/kit/identity-reference.schema.json).
 */
public record Reference(String format, Provenance provenance, Shapes shapes, List<Probe> probes) {
  public static final String FORMAT = "relay-tck-identity-reference/1";
  public static final String FILE = "reference.json";

  /**
   * @param upstream the origin recorded from (scheme, host, port; never a credential)
   * @param seed the seed the probes were worded from
   * @param samples answers per probe (the recall probes: one)
   */
  public record Provenance(String model, String recordedAt, String upstream, String kitVersion, int probeSuiteVersion,
      long seed, int samples) {}

  /** What the official responses looked like: id prefixes, header names, the channel they point to. */
  public record Shapes(String messageIdPrefix, String requestIdPrefix, List<String> headerNames, String channel,
      List<String> channelSignals) {}

  /** @param countTokens what count_tokens said for the request, -1 when it failed */
  public record Probe(String id, ProbeFamily family, String body, String expected, boolean once, long countTokens,
      List<ProbeAnswer> samples) {
    public RenderedProbe rendered() {
      return new RenderedProbe(id, family, body, expected, once);
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(SerializationFeature.INDENT_OUTPUT)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  public Optional<Probe> probe(String id) {
    return probes.stream().filter(p -> p.id().equals(id)).findFirst();
  }

  public void write(Path dir) throws IOException {
    Files.createDirectories(dir);
    JSON.writeValue(dir.resolve(FILE).toFile(), this);
  }

  /**
   * Reads {@code DIR/reference.json} (or the file itself).
   *
   * @throws IllegalArgumentException when it is missing, unreadable, of another format or probe version
   */
  public static Reference read(Path dirOrFile) {
    Path file = Files.isDirectory(dirOrFile) ? dirOrFile.resolve(FILE) : dirOrFile;
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("no identity reference at " + file + ": record one with"
          + " 'relay-tck record --profile identity --upstream URL --out DIR'");
    }
    Reference r;
    try {
      r = JSON.readValue(file.toFile(), Reference.class);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read the identity reference " + file + ": " + e.getMessage());
    }
    if (!FORMAT.equals(r.format())) {
      throw new IllegalArgumentException(file + " is not an identity reference (format " + r.format() + ", expected " + FORMAT + ")");
    }
    if (r.provenance() == null || r.provenance().probeSuiteVersion() != ProbeSuite.VERSION || r.probes() == null) {
      throw new IllegalArgumentException(file + " was recorded with another probe suite version; record it again");
    }
    for (Probe p : r.probes()) {
      if (p == null || p.id() == null || p.family() == null || p.body() == null || p.samples() == null) {
        throw new IllegalArgumentException(file + " has a probe without its id, family, request or answers; record it again");
      }
    }
    return r;
  }
}
