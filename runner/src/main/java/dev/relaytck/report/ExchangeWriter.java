package dev.relaytck.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.relaytck.outcome.ExchangeRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes {@code exchanges/<id>.json}: the raw request and response behind a failing check (and
 * what the relay forwarded upstream, when known), so a relay engineer can reproduce the failure. Credential headers keep their name with the
 * value masked (whether the relay got a key matters; the key doesn't) and every text is scrubbed.
 */
public final class ExchangeWriter {
  public static final String DIR = "exchanges";

  private final SecretScrubber scrubber;
  private final ObjectMapper mapper = ReportJson.mapper();

  public ExchangeWriter(SecretScrubber scrubber) {
    this.scrubber = scrubber;
  }

  /** A file name that stays inside {@code exchanges/} whatever the ID contains. */
  public static String fileName(String id) {
    String safe = id == null ? "exchange" : id.replaceAll("[^A-Za-z0-9._-]", "_");
    if (safe.isEmpty() || safe.startsWith(".")) safe = "_" + safe;
    if (safe.length() > 120) safe = safe.substring(0, 120);
    return safe + ".json";
  }

  /**
   * Writes those of {@code exchanges} whose IDs are in {@code wanted}; returns the files written.
   * An ID the run refers to but has no record for is skipped: the report still names it.
   */
  public List<Path> write(Path reportDir, Collection<ExchangeRecord> exchanges, Set<String> wanted) throws IOException {
    List<Path> written = new ArrayList<>();
    for (ExchangeRecord x : exchanges) {
      if (!wanted.contains(x.id())) continue;
      Path dir = reportDir.resolve(DIR);
      Files.createDirectories(dir);
      Path file = dir.resolve(fileName(x.id()));
      String json = mapper.writeValueAsString(scrubber.scrub(toJson(x))) + "\n";
      Files.writeString(file, scrubber.scrub(json), StandardCharsets.UTF_8);
      written.add(file);
    }
    return written;
  }

  ObjectNode toJson(ExchangeRecord x) {
    ObjectNode root = mapper.createObjectNode();
    root.put("id", x.id());
    root.put("scenario", x.scenario());
    if (x.request() != null) root.set("request", request(x.request()));
    if (x.response() != null) {
      ExchangeRecord.Response r = x.response();
      ObjectNode response = root.putObject("response");
      response.put("status", r.status());
      response.set("headers", headers(r.headers()));
      response.put("body", r.body());
      ArrayNode events = response.putArray("events");
      for (ExchangeRecord.ArrivedEvent e : r.events()) {
        ObjectNode event = events.addObject();
        event.put("offsetMs", e.offsetMs());
        event.put("event", e.event());
        event.put("data", e.data());
      }
    }
    if (x.upstreamRequest() != null) root.set("upstreamRequest", request(x.upstreamRequest()));
    return root;
  }

  private ObjectNode request(ExchangeRecord.Request r) {
    ObjectNode node = mapper.createObjectNode();
    node.put("method", r.method());
    node.put("url", r.url());
    node.set("headers", headers(r.headers()));
    node.put("body", r.body());
    return node;
  }

  private ObjectNode headers(Map<String, List<String>> headers) {
    ObjectNode node = mapper.createObjectNode();
    headers.forEach((name, values) -> {
      ArrayNode list = node.putArray(name);
      for (String v : values == null ? List.<String>of() : values) {
        list.add(SecretScrubber.credentialHeader(name) ? SecretScrubber.MASK : v);
      }
    });
    return node;
  }
}
