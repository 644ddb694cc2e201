package dev.relaytck.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.relaytck.catalog.Violation;
import dev.relaytck.schema.WireSchemas;
import dev.relaytck.sse.SseEvent;
import dev.relaytck.sse.SseListener;
import dev.relaytck.sse.SseParser;
import dev.relaytck.stream.StreamValidator;
import dev.relaytck.stream.ValidationReport;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Throughput of validating real recorded streams (the three of
 * conformance-tests/protocol/src/test/resources/recordings, 8.4 KB and 50 events together),
 * fed in network-sized chunks, against the least any validator must do: Jackson tree parsing
 * of every data line. One operation = all three streams. MB/s and events/s follow from
 * ops/s (docs/benchmarks.md).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class StreamBenchmark {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** Network chunk size in bytes: what a socket read typically returns for a stream. */
  @Param({"1024"})
  public int chunk;

  private List<byte[]> streams;

  @Setup
  public void load() {
    streams = new ArrayList<>();
    for (String name : List.of("text-stream.sse", "thinking-stream.sse", "tool-stream.sse")) {
      try (InputStream in = StreamBenchmark.class.getResourceAsStream("/recordings/" + name)) {
        streams.add(in.readAllBytes());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    // Refuse to measure a validator that rejects the input: the numbers would be meaningless.
    for (byte[] s : streams) {
      ValidationReport r = validate(s, new StreamValidator(WireSchemas.bundled()));
      if (!r.failures().isEmpty()) throw new IllegalStateException("benchmark input not clean: " + r.failures());
    }
  }

  /** Bytes of one operation (all streams). */
  public long totalBytes() {
    return streams.stream().mapToLong(s -> s.length).sum();
  }

  /** SSE events of one operation (all streams). */
  public int totalEvents() {
    int events = 0;
    for (byte[] s : streams) {
      events += validate(s, StreamValidator.withoutSchemas()).eventCount();
    }
    return events;
  }

  /** Baseline: find the data lines and build a Jackson tree of each, nothing else. */
  @Benchmark
  public void jacksonTreeOfEachDataLine(Blackhole bh) throws IOException {
    for (byte[] s : streams) {
      int i = 0;
      while (i < s.length) {
        int end = i;
        while (end < s.length && s[end] != '\n') end++;
        if (end - i > 6 && s[i] == 'd' && s[i + 1] == 'a' && s[i + 2] == 't' && s[i + 3] == 'a' && s[i + 4] == ':') {
          int from = s[i + 5] == ' ' ? i + 6 : i + 5;
          bh.consume(MAPPER.readTree(s, from, end - from));
        }
        i = end + 1;
      }
    }
  }

  /** SSE framing only (WHATWG rules, UTF-8 validation, offsets), events discarded. */
  @Benchmark
  public void framingOnly(Blackhole bh) {
    for (byte[] s : streams) {
      SseParser parser = new SseParser(new SseListener() {
        @Override
        public void onEvent(SseEvent event) {
          bh.consume(event);
        }

        @Override
        public void onViolation(Violation violation) {
          bh.consume(violation);
        }
      });
      feed(parser, s);
      bh.consume(parser.position());
    }
  }

  /** Framing + event grammar + accumulation of the final message, no JSON Schema. */
  @Benchmark
  public void framingGrammarAccumulation(Blackhole bh) {
    for (byte[] s : streams) {
      bh.consume(validate(s, StreamValidator.withoutSchemas()));
    }
  }

  /** The same plus JSON Schema validation of every event and of the accumulated message. */
  @Benchmark
  public void withSchemaValidation(Blackhole bh) {
    for (byte[] s : streams) {
      bh.consume(validate(s, new StreamValidator(WireSchemas.bundled())));
    }
  }

  private ValidationReport validate(byte[] body, StreamValidator validator) {
    SseParser parser = new SseParser(validator);
    feed(parser, body);
    return validator.finish(parser.position());
  }

  private void feed(SseParser parser, byte[] body) {
    int size = chunk <= 0 ? body.length : chunk;
    for (int pos = 0; pos < body.length; pos += size) {
      parser.feed(body, pos, Math.min(size, body.length - pos), 0L);
    }
    parser.end(0L);
  }
}
