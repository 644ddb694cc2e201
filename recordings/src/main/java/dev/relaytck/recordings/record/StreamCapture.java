package dev.relaytck.recordings.record;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.relaytck.catalog.Violation;
import dev.relaytck.recordings.format.RecordedEvent;
import dev.relaytck.recordings.format.SseBlocks;
import dev.relaytck.schema.SchemaIssue;
import dev.relaytck.schema.WireSchemas;
import dev.relaytck.schema.WireType;
import dev.relaytck.sse.SseParser;
import dev.relaytck.stream.JsonBodyValidator;
import dev.relaytck.stream.StreamValidator;
import dev.relaytck.stream.ValidationReport;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;

/**
 * Performs one exchange with the upstream and keeps the response body byte for byte with the
 * time every piece arrived. WireMock's recorder cannot be used for this: it buffers the whole
 * body and loses when each event came.
 *
 * <p>The body is received through a {@link Flow.Subscriber} that stamps every chunk with
 * {@link System#nanoTime()} the moment the client hands it over; the clock starts when the
 * response headers have arrived. A stream is cut into events exactly as the recording format
 * cuts its {@code .sse} file ({@link SseBlocks}), and each event gets the arrival time of the
 * chunk that completed it. Meanwhile the bytes go through the kit's own {@link SseParser} and
 * {@link StreamValidator}, so a capture that is not a conforming stream says so at once.
 *
 * <p>Every wait is bounded: the headers by the request's timeout, the body by {@code idleTimeout}
 * between two chunks. So is every buffer: a body (and its gzip decoding) larger than
 * {@code maxBodyBytes} ends the exchange with {@link OversizeException}, never an
 * {@link OutOfMemoryError}; the largest official answer is far below the default.
 */
public final class StreamCapture {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** 64 MiB: hundreds of times the largest recorded answer, far below the heap. */
  public static final long DEFAULT_MAX_BODY_BYTES = 64L << 20;

  private final HttpClient client;
  private final Duration idleTimeout;
  private final long maxBodyBytes;

  public StreamCapture(HttpClient client, Duration idleTimeout) {
    this(client, idleTimeout, DEFAULT_MAX_BODY_BYTES);
  }

  public StreamCapture(HttpClient client, Duration idleTimeout, long maxBodyBytes) {
    this.client = client;
    this.idleTimeout = idleTimeout;
    this.maxBodyBytes = maxBodyBytes;
  }

  /** The body (or what it decompresses to) is larger than the capture keeps: an endless stream or a bomb. */
  public static final class OversizeException extends IOException {
    OversizeException(String message) {
      super(message);
    }
  }

  /**
   * What arrived.
   *
   * @param body the whole body as received (decoded when the upstream compressed it anyway)
   * @param events for a {@code text/event-stream} response: its events with arrival offsets; else null
   * @param report what the kit's stream or message validators found in the body; null for a body they do not cover
   * @param problems what makes the body non-conforming, one line each (empty when it conforms)
   * @param compressed whether the upstream compressed the body (then offsets are not per event)
   */
  public record Captured(int status, Map<String, List<String>> headers, byte[] body, List<RecordedEvent> events,
      ValidationReport report, List<String> problems, boolean compressed) {}

  /** The body stopped arriving for longer than the idle timeout. */
  public static final class StalledException extends IOException {
    StalledException(String message) {
      super(message);
    }
  }

  public Captured exchange(HttpRequest request) throws IOException, InterruptedException {
    HttpResponse<Flow.Publisher<List<ByteBuffer>>> response =
        client.send(request, HttpResponse.BodyHandlers.ofPublisher());
    long headersAt = System.nanoTime();
    String contentType = response.headers().firstValue("content-type").orElse("").toLowerCase(Locale.ROOT);
    boolean sse = contentType.startsWith("text/event-stream");
    boolean gzip = response.headers().firstValue("content-encoding").orElse("").toLowerCase(Locale.ROOT).contains("gzip");

    Chunks chunks = new Chunks();
    response.body().subscribe(chunks);
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    List<long[]> arrivals = new ArrayList<>(); // {end offset in body, nanoTime}
    StreamValidator validator = sse && !gzip ? new StreamValidator() : null;
    SseParser parser = validator == null ? null : new SseParser(validator);
    while (true) {
      Object item = chunks.queue.poll(idleTimeout.toMillis(), TimeUnit.MILLISECONDS);
      if (item == null) {
        chunks.cancel();
        throw new StalledException("the upstream sent nothing for " + idleTimeout.toSeconds() + " s after "
            + body.size() + " bytes of the body");
      }
      if (item == END) {
        break;
      }
      if (item instanceof Throwable failure) {
        throw new IOException("the response body broke off after " + body.size() + " bytes: " + failure.getMessage(),
            failure);
      }
      Chunk chunk = (Chunk) item;
      if (body.size() + (long) chunk.bytes.length > maxBodyBytes) {
        chunks.cancel();
        throw new OversizeException("the upstream's body passed " + maxBodyBytes + " bytes without ending"
            + " (an endless stream?): not recorded");
      }
      body.writeBytes(chunk.bytes);
      arrivals.add(new long[] {body.size(), chunk.nanos});
      if (parser != null) {
        parser.feed(chunk.bytes, chunk.nanos);
      }
    }
    byte[] raw = body.toByteArray();
    long endedAt = arrivals.isEmpty() ? headersAt : arrivals.get(arrivals.size() - 1)[1];
    byte[] decoded = gzip ? gunzip(raw, maxBodyBytes) : raw;
    if (gzip) {
      // Compressed despite accept-encoding: identity; the chunks are compressed bytes, so the time
      // of each event is unknown: all of them get the time the body ended.
      arrivals = List.<long[]>of(new long[] {decoded.length, endedAt});
    }

    List<RecordedEvent> events = null;
    ValidationReport report;
    if (sse) {
      events = timedBlocks(decoded, arrivals, headersAt);
      if (parser == null) {
        validator = new StreamValidator();
        parser = new SseParser(validator);
        parser.feed(decoded, endedAt);
      }
      parser.end(endedAt);
      report = validator.finish(parser.position());
    } else if (response.statusCode() < 400 && request.uri().getPath().endsWith("/count_tokens")) {
      // Not a Message: the count_tokens answer has its own schema.
      return new Captured(response.statusCode(), response.headers().map(), decoded, null, null, countTokensProblems(decoded), gzip);
    } else {
      report = decoded.length == 0 ? null : new JsonBodyValidator().validate(decoded);
    }
    List<String> problems = report == null ? List.of() : report.failures().stream().map(Violation::toString).toList();
    return new Captured(response.statusCode(), response.headers().map(), decoded, events, report, problems, gzip);
  }

  private static List<String> countTokensProblems(byte[] body) {
    JsonNode node;
    try {
      node = JSON.readTree(body);
    } catch (IOException e) {
      return List.of("the count_tokens body is not JSON: " + e.getMessage());
    }
    return WireSchemas.bundled().validate(WireType.COUNT_TOKENS_RESPONSE, node).stream()
        .filter(issue -> issue.kind() == SchemaIssue.Kind.VIOLATION)
        .map(issue -> "count_tokens body at '" + issue.pointer() + "': " + issue.message())
        .toList();
  }

  /** Cuts the body into the format's events and stamps each with its arrival, ms after the headers. */
  static List<RecordedEvent> timedBlocks(byte[] body, List<long[]> arrivals, long headersAt) {
    List<RecordedEvent> events = new ArrayList<>();
    long end = 0;
    int chunk = 0;
    for (byte[] block : SseBlocks.split(body)) {
      end += block.length;
      while (chunk < arrivals.size() - 1 && arrivals.get(chunk)[0] < end) {
        chunk++;
      }
      long nanos = arrivals.isEmpty() ? headersAt : arrivals.get(chunk)[1];
      events.add(new RecordedEvent(Math.max(0, TimeUnit.NANOSECONDS.toMillis(nanos - headersAt)), block));
    }
    return events;
  }

  private static byte[] gunzip(byte[] raw, long max) throws IOException {
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(raw))) {
      // One byte more than allowed tells a body of exactly the limit from a bomb.
      byte[] out = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
      if (out.length > max) {
        throw new OversizeException("the upstream's gzip body decompresses to more than " + max + " bytes: not recorded");
      }
      return out;
    }
  }

  private static final Object END = new Object();

  private record Chunk(byte[] bytes, long nanos) {}

  /** Hands each chunk to the reading thread with its arrival time; unbounded demand, as the reader keeps up. */
  private static final class Chunks implements Flow.Subscriber<List<ByteBuffer>> {
    final LinkedBlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private volatile Flow.Subscription subscription;

    @Override
    public void onSubscribe(Flow.Subscription s) {
      subscription = s;
      s.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
      long now = System.nanoTime();
      int size = buffers.stream().mapToInt(ByteBuffer::remaining).sum();
      byte[] bytes = new byte[size];
      int at = 0;
      for (ByteBuffer buffer : buffers) {
        int n = buffer.remaining();
        buffer.get(bytes, at, n);
        at += n;
      }
      if (size > 0) {
        queue.add(new Chunk(bytes, now));
      }
    }

    @Override
    public void onError(Throwable throwable) {
      queue.add(throwable);
    }

    @Override
    public void onComplete() {
      queue.add(END);
    }

    void cancel() {
      Flow.Subscription s = subscription;
      if (s != null) {
        s.cancel();
      }
    }
  }
}
