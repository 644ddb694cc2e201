package dev.relaytck.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.relaytck.catalog.Violation;
import dev.relaytck.identity.ChannelSignals;
import dev.relaytck.stream.ValidationReport;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * One line of {@code relay-tck validate --json}: a file's violations and the channel its bytes
 * look like (docs/contract.md: {@code channel} is anthropic, bedrock, vertex, other or unknown, with the
 * signals seen). A captured body has no headers, so only body signals count.
 */
final class ValidationJson {
  /** The channel is read from the first 8 MB: ids and usage shapes come early in every body. */
  private static final int CHANNEL_BYTES = 8 * 1024 * 1024;
  private static final ObjectMapper JSON = new ObjectMapper();

  private ValidationJson() {}

  static String line(Path file, ValidationReport report) {
    ObjectNode o = JSON.createObjectNode();
    o.put("file", file.toString());
    o.put("kind", report.kind() == ValidationReport.BodyKind.SSE ? "sse" : "json");
    o.put("bytes", report.bytes());
    ArrayNode v = o.putArray("violations");
    for (Violation x : report.violations()) {
      ObjectNode n = v.addObject();
      n.put("id", x.check().id());
      n.put("severity", x.check().severity().name());
      n.put("message", x.toString());
    }
    ChannelSignals.Attribution a = ChannelSignals.classify(Map.of(), head(file));
    o.put("channel", a.channel().label());
    ArrayNode signals = o.putArray("signals");
    a.describe().forEach(signals::add);
    return o.toString();
  }

  private static byte[] head(Path file) {
    try (InputStream raw = Files.newInputStream(file)) {
      InputStream in = raw.markSupported() ? raw : new java.io.BufferedInputStream(raw);
      in.mark(2);
      int b1 = in.read();
      int b2 = in.read();
      in.reset();
      if (b1 == 0x1f && b2 == 0x8b) in = new GZIPInputStream(in);
      return in.readNBytes(CHANNEL_BYTES);
    } catch (IOException e) {
      return new byte[0];
    }
  }
}
