package dev.relaytck.recordings.replay;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.request;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.common.ConsoleNotifier;
import com.github.tomakehurst.wiremock.core.Options;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.extension.Parameters;
import com.github.tomakehurst.wiremock.store.DefaultStores;
import com.github.tomakehurst.wiremock.store.RequestJournalStore;
import java.net.BindException;
import java.util.List;

/**
 * The replay upstream: a stand-in for the official API that serves recordings to a relay
 * under test (docs/contract.md, hermetic topology). Built on WireMock, so its admin API and
 * request journal show exactly what the relay forwarded.
 *
 * <p>Stubs, from most to least specific:
 * <ol>
 *   <li>priority 1: any {@code /v1/} request without a credential, or with one the official API would
 *       refuse (the kit's wrong-credential probes; with {@code --accept-key}, any other): 401 {@code authentication_error};
 *   <li>priority 2: {@code /__canary/<nonce>}: 200, journaled (a URL only a prompt contained; SEC-060);
 *   <li>priority 5: one stub per recording, matched by {@link ScenarioMatcher} (marker or content rules);
 *   <li>priority 7: {@code GET /v1/models} and {@code /v1/models/{id}}, derived from the recordings' models;
 *   <li>priority 8: {@code POST /v1/messages} without a marker: the scripted Claude Code session
 *       ({@link ScriptedSessionTransformer}); {@code HEAD} anything: 200 (Claude Code's startup probe);
 *   <li>priority 10: anything else: 404 {@code not_found_error} naming the closest recording.
 * </ol>
 */
public final class ReplayServer implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final WireMockServer wireMock;
  private final StreamLog streams;
  private final ReplayOptions options;
  private final String host;
  private final StreamClock clock;

  private ReplayServer(WireMockServer wireMock, StreamLog streams, ReplayOptions options, StreamClock clock) {
    this.clock = clock;
    this.wireMock = wireMock;
    this.streams = streams;
    this.options = options;
    this.host = options.host().contains(":") ? "[" + options.host() + "]" : options.host();
  }

  /**
   * Starts serving.
   *
   * @throws IllegalArgumentException when a recording cannot be served (says which and why)
   * @throws ReplayStartException when the port cannot be bound
   */
  public static ReplayServer start(ReplayOptions options) {
    return start(options, java.util.Set.of());
  }

  /**
   * Starts serving, accepting only {@code acceptedKeys} ({@code serve --accept-key}) when not
   * empty; otherwise any credential but the kit's own wrong-credential probes.
   */
  public static ReplayServer start(ReplayOptions options, java.util.Set<String> acceptedKeys) {
    StreamLog streams = new StreamLog(options.journalEntries());
    StreamClock clock = new StreamClock();
    RecordingIndex index = new RecordingIndex(options.recordings(), options.contentRules(), options.modelMap());
    WireMockConfiguration config = WireMockConfiguration.options()
        .bindAddress(options.host())
        .port(options.port())
        .httpServerFactory(new StreamingJettyServerFactory(streams, clock))
        .mappingSource(new NoMappingsOnDisk())
        .extensions(new ScenarioMatcher(index), new CredentialMatcher(), new WrongCredentialMatcher(acceptedKeys),
            new ReplayTransformer(index, options.timeScale()), new ErrorReplyTransformer(index),
            new ReplayAdminApi(index, streams, options), new ScriptedSessionMatcher(), new ScriptedSessionTransformer())
        // The journal must not read a paced body to log it: that would wait for every event
        // before the headers leave. Requests are logged in full; response bodies not at all.
        .maxLoggedResponseSize(0)
        .useChunkedTransferEncoding(Options.ChunkedEncodingPolicy.ALWAYS)
        .gzipDisabled(true)
        .containerThreads(options.maxThreads())
        .maxRequestJournalEntries(Math.max(1, options.journalEntries()))
        .notifier(new ConsoleNotifier(false));
    config.withStores(new DefaultStores(config.filesRoot()) {
      private final BoundedJournalStore journal = new BoundedJournalStore();

      @Override
      public RequestJournalStore getRequestJournalStore() {
        return journal;
      }
    });
    if (options.journalEntries() == 0) {
      // For load tests: no journal at all (request fidelity checks then have nothing to read).
      config.disableRequestJournal();
    }
    WireMockServer server = new WireMockServer(config);
    try {
      server.start();
    } catch (Exception e) { // WireMock rethrows Jetty's checked exceptions unchecked
      stopQuietly(server);
      clock.close();
      BindException bind = findBindException(e);
      if (bind != null) {
        throw new ReplayStartException("cannot listen on " + options.host() + ":" + options.port()
            + ": " + (bind.getMessage() == null ? "address already in use" : bind.getMessage()), e);
      }
      throw new ReplayStartException("replay server failed to start on " + options.host() + ":" + options.port()
          + ": " + e, e);
    }
    register(server, index);
    return new ReplayServer(server, streams, options, clock);
  }

  /** Jetty reports a bind failure as a cause or as a suppressed exception of its stop. */
  private static BindException findBindException(Throwable t) {
    if (t == null) {
      return null;
    }
    if (t instanceof BindException bind) {
      return bind;
    }
    for (Throwable suppressed : t.getSuppressed()) {
      BindException found = findBindException(suppressed);
      if (found != null) {
        return found;
      }
    }
    return t.getCause() == t ? null : findBindException(t.getCause());
  }

  /** A server that failed to start may refuse to stop; the start failure is what matters. */
  private static void stopQuietly(WireMockServer server) {
    try {
      server.stop();
    } catch (Exception ignored) { // rethrown unchecked by WireMock: nothing was serving
    }
  }

  private static void register(WireMockServer server, RecordingIndex index) {
    server.stubFor(any(urlPathMatching("/v1/.*")).atPriority(1)
        .andMatching(CredentialMatcher.NAME)
        .willReturn(aResponse().withTransformers(ErrorReplyTransformer.NAME)
            .withTransformerParameter("reply", "unauthenticated")));
    server.stubFor(any(urlPathMatching("/v1/.*")).atPriority(1)
        .andMatching(WrongCredentialMatcher.NAME)
        .willReturn(aResponse().withTransformers(ErrorReplyTransformer.NAME)
            .withTransformerParameter("reply", "invalid-credential")));
    // Canary URLs exist only inside prompts (SEC-060): any fetch is journaled and read back by nonce.
    server.stubFor(any(urlPathMatching(ReplayAdminApi.CANARY_PATH + "[A-Za-z0-9]+(/.*)?")).atPriority(2)
        .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/plain")
            .withBody("relay-tck canary: this address was only ever written in a prompt.\n")));
    for (RecordingIndex.Entry entry : index.entries()) {
      server.stubFor(request(entry.method(), urlPathEqualTo(entry.path())).atPriority(entry.rules().isEmpty() ? 5 : 6)
          .withName(entry.key())
          .andMatching(ScenarioMatcher.NAME, Parameters.one("recording", entry.key()))
          .willReturn(aResponse().withTransformers(ReplayTransformer.NAME)
              .withTransformerParameter("recording", entry.key())));
    }
    List<String> models = index.models();
    ArrayNode data = JSON.createArrayNode();
    for (String model : models) {
      ObjectNode m = modelObject(model);
      data.add(m);
      server.stubFor(get(urlPathEqualTo("/v1/models/" + model)).atPriority(7)
          .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(m.toString())));
    }
    ObjectNode list = JSON.createObjectNode();
    list.set("data", data);
    list.put("has_more", false);
    list.put("first_id", models.isEmpty() ? null : models.get(0));
    list.put("last_id", models.isEmpty() ? null : models.get(models.size() - 1));
    server.stubFor(get(urlPathEqualTo("/v1/models")).atPriority(7)
        .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(list.toString())));
    // The Claude Code CLI's own calls (no marker): the scripted session; its startup probe (HEAD).
    server.stubFor(post(urlPathEqualTo("/v1/messages")).atPriority(8)
        .andMatching(ScriptedSessionMatcher.NAME)
        .willReturn(aResponse().withTransformers(ScriptedSessionTransformer.NAME)));
    server.stubFor(request("HEAD", anyUrl()).atPriority(8).willReturn(aResponse().withStatus(200)));
    server.stubFor(any(anyUrl()).atPriority(10)
        .willReturn(aResponse().withTransformers(ErrorReplyTransformer.NAME)
            .withTransformerParameter("reply", "unmatched")));
  }

  /** A model object derived from a recorded model name (the listing itself was not recorded). */
  private static ObjectNode modelObject(String model) {
    ObjectNode m = JSON.createObjectNode();
    m.put("type", "model");
    m.put("id", model);
    m.put("display_name", model);
    m.put("created_at", "1970-01-01T00:00:00Z");
    return m;
  }

  /** {@code http://host:port}, without a trailing slash. */
  public String baseUrl() {
    return "http://" + host + ":" + wireMock.port();
  }

  public int port() {
    return wireMock.port();
  }

  public ReplayOptions options() {
    return options;
  }

  /** The WireMock server, for its journal ({@code getAllServeEvents}) and admin API. */
  public WireMockServer wireMock() {
    return wireMock;
  }

  /** How paced responses ended: completed, closed by a fault, or abandoned by the client. */
  public StreamLog streams() {
    return streams;
  }

  @Override
  public void close() {
    wireMock.stop();
    clock.close();
  }
}
