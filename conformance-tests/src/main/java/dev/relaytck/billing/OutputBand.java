package dev.relaytck.billing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.relaytck.recordings.format.Recording;
import dev.relaytck.recordings.format.Recordings;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * How many output tokens the official API counts per character of returned content, by model
 * family, from the bundled recordings: the band a relay's {@code output_tokens} must fall in for
 * the text it returned (BILL-020, live). The band is the recorded minimum and maximum widened by
 * {@link #MARGIN} either way: kinds of text differ (code, prose, JSON), inflation by a few
 * percent is caught against the recording in hermetic mode, a wholesale multiplier here.
 */
public record OutputBand(String family, double low, double high, int samples) {
  /** Too little text says nothing about a tokenizer. */
  public static final int MIN_CHARS = 40;
  static final double MARGIN = 1.6;
  private static final List<String> FAMILIES = List.of("opus", "sonnet", "haiku");

  /** The band for {@code model}'s family, or over every recording when the family has fewer than two. */
  public static OutputBand forModel(String model) {
    return forModel(model, Recordings.bundled());
  }

  static OutputBand forModel(String model, List<Recording> recordings) {
    String family = family(model);
    OutputBand all = band("any", recordings, null);
    OutputBand own = band(family, recordings, family);
    return own.samples >= 2 ? own : all;
  }

  private static OutputBand band(String name, List<Recording> recordings, String family) {
    double lo = Double.MAX_VALUE;
    double hi = 0;
    int n = 0;
    for (Recording r : recordings) {
      if (family != null && !family.equals(family(r.model()))) continue;
      Optional<JsonNode> m = Usage.recorded(r);
      if (m.isEmpty() || Usage.serverTools(m.get())) continue;
      long chars = chars(m.get());
      long out = m.flatMap(Usage::tokens).map(TokenCount::output).orElse(0L);
      if (chars < MIN_CHARS || out == 0) continue;
      double ratio = (double) out / chars;
      lo = Math.min(lo, ratio);
      hi = Math.max(hi, ratio);
      n++;
    }
    if (n == 0) return new OutputBand(name, 0, Double.MAX_VALUE, 0);
    return new OutputBand(name, lo / MARGIN, hi * MARGIN, n);
  }

  static String family(String model) {
    String m = model == null ? "" : model.toLowerCase(Locale.ROOT);
    return FAMILIES.stream().filter(m::contains).findFirst().orElse("other");
  }

  /**
   * The characters of content the output tokens paid for: text, thinking, and the JSON of tool
   * inputs. Redacted thinking is opaque, so a message with it is not measured (returns 0).
   */
  public static long chars(JsonNode message) {
    long n = 0;
    for (JsonNode b : message.path("content")) {
      switch (b.path("type").asText()) {
        case "text" -> n += b.path("text").asText().length();
        case "thinking" -> n += b.path("thinking").asText().length();
        case "tool_use" -> n += b.path("input").toString().length();
        case "redacted_thinking" -> {
          return 0;
        }
        default -> { }
      }
    }
    return n;
  }

  public boolean contains(double tokensPerChar) {
    return tokensPerChar >= low && tokensPerChar <= high;
  }

  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("family", family);
    m.put("low", Figures.round(low));
    m.put("high", Figures.round(high));
    m.put("recordings", samples);
    return m;
  }
}
