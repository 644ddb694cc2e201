package dev.relaytck.recordings.replay;

import dev.relaytck.recordings.format.FaultSpec;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.admin.Router;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.AdminApiExtension;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.relaytck.recordings.format.Recording;

/**
 * Admin API routes under {@code /__admin/relay-tck/}:
 * <ul>
 *   <li>{@code GET info}: the recordings served (keys, scenarios, features, models, faults), the
 *       time scale and the model map, so {@code run --replay URL} never disagrees with the server;
 *   <li>{@code GET journal/{nonce}}: what the relay forwarded for one kit request (method, path and
 *       query, every header as received, body) and how its response ended;
 *   <li>{@code GET streams}: how every paced response ended (completed, client-disconnected, closed-by-fault);
 *   <li>{@code GET canary/{nonce}}: every fetch of the canary URL {@code /__canary/<nonce>} (SEC-060), with time and headers.
 * </ul>
 * WireMock's own {@code /__admin/requests} keeps the full journal.
 */
final class ReplayAdminApi implements AdminApiExtension {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Credentials a relay forwards upstream; a real key may arrive here, so it never leaves. */
  static final java.util.Set<String> SECRET_HEADERS = java.util.Set.of("x-api-key", "authorization", "proxy-authorization", "cookie");

  private final RecordingIndex index;
  private final StreamLog streams;
  private final ReplayOptions options;

  ReplayAdminApi(RecordingIndex index, StreamLog streams, ReplayOptions options) {
    this.index = index;
    this.streams = streams;
    this.options = options;
  }

  @Override
  public String getName() {
    return "relay-tck-admin";
  }

  @Override
  public void contributeAdminApiRoutes(Router router) {
    router.add(RequestMethod.GET, "/relay-tck/info", (admin, serveEvent, params) -> json(info()));
    router.add(RequestMethod.GET, "/relay-tck/streams", (admin, serveEvent, params) -> json(JSON.valueToTree(streams.entries())));
    router.add(RequestMethod.GET, "/relay-tck/canary/{nonce}", (admin, serveEvent, params) -> json(canaryHits(admin, params.get("nonce"))));
    router.add(RequestMethod.GET, "/relay-tck/journal/{nonce}", (admin, serveEvent, params) -> {
      String nonce = params.get("nonce");
      ObjectNode out = JSON.createObjectNode();
      out.put("nonce", nonce);
      ArrayNode requests = out.putArray("requests");
      for (ServeEvent event : admin.getServeEvents().getServeEvents()) {
        LoggedRequest request = event.getRequest();
        RequestView view = RequestView.parse(request.getMethod().getName(), request.getUrl(), request.getBody());
        if (view.marker() != null && nonce.equals(view.marker().nonce())) {
          requests.add(describe(event, view));
        }
      }
      out.set("streams", JSON.valueToTree(streams.forNonce(nonce)));
      return json(out);
    });
  }

  private ObjectNode info() {
    ObjectNode info = JSON.createObjectNode();
    info.put("tool", "relay-tck");
    info.put("timeScale", options.timeScale());
    info.set("modelMap", JSON.valueToTree(options.modelMap()));
    ArrayNode recordings = info.putArray("recordings");
    for (RecordingIndex.Entry entry : index.entries()) {
      Recording r = entry.recording();
      ObjectNode node = recordings.addObject();
      node.put("key", entry.key());
      node.put("scenario", r.scenario());
      node.put("title", r.title());
      node.set("features", JSON.valueToTree(r.features()));
      node.put("model", r.model());
      node.put("method", entry.method());
      node.put("path", entry.path());
      node.put("streaming", r.streaming());
      node.put("events", r.streaming() ? r.response().events().size() : 0);
      node.put("status", r.response().status());
      node.put("fault", r.fault() == null ? null : FaultSpec.format(r.fault()));
      node.put("provenance", r.provenance() == null ? null : r.provenance().kind());
      node.put("matchedBy", entry.rules().isEmpty() ? "marker" : "content-rules");
    }
    return info;
  }

  /**
   * The fetches of {@code /__canary/<nonce>}: a URL that existed only inside a prompt, so anyone
   * fetching it read the prompt (SEC-060). Each hit with its time, method, URL and headers
   * (credentials fingerprinted), in arrival order.
   */
  private static ObjectNode canaryHits(com.github.tomakehurst.wiremock.core.Admin admin, String nonce) {
    ObjectNode out = JSON.createObjectNode();
    out.put("nonce", nonce);
    ArrayNode hits = out.putArray("hits");
    String prefix = CANARY_PATH + nonce;
    java.util.List<ServeEvent> events = new java.util.ArrayList<>(admin.getServeEvents().getServeEvents());
    java.util.Collections.reverse(events);
    for (ServeEvent event : events) {
      LoggedRequest request = event.getRequest();
      String url = request.getUrl();
      if (!url.equals(prefix) && !url.startsWith(prefix + "/") && !url.startsWith(prefix + "?")) continue;
      ObjectNode hit = hits.addObject();
      hit.put("receivedAt", request.getLoggedDate() == null ? null : request.getLoggedDate().toInstant().toString());
      hit.put("method", request.getMethod().getName());
      hit.put("url", url);
      hit.put("clientIp", request.getClientIp());
      putHeaders(hit, request);
    }
    return out;
  }

  /** Where the replay upstream serves canary URLs (SEC-060): {@code /__canary/<nonce>}. */
  static final String CANARY_PATH = "/__canary/";

  private static ObjectNode describe(ServeEvent event, RequestView view) {
    LoggedRequest request = event.getRequest();
    ObjectNode node = JSON.createObjectNode();
    node.put("id", event.getId().toString());
    node.put("receivedAt", request.getLoggedDate() == null ? null : request.getLoggedDate().toInstant().toString());
    node.put("method", request.getMethod().getName());
    node.put("url", request.getUrl());
    putHeaders(node, request);
    node.put("body", request.getBodyAsString());
    node.put("scenario", view.marker().scenario());
    node.put("fault", view.marker().fault() == null ? null : FaultSpec.format(view.marker().fault()));
    node.put("matched", event.getWasMatched());
    // What the upstream answered: whether a 429/529 the client saw came from here or from the relay.
    if (event.getResponse() != null && event.getResponse().getStatus() > 0) node.put("status", event.getResponse().getStatus());
    return node;
  }

  /** Every header as received, under {@code headers}; credentials only as their {@link #fingerprint}. */
  private static void putHeaders(ObjectNode node, LoggedRequest request) {
    ObjectNode headers = node.putObject("headers");
    for (HttpHeader header : request.getHeaders().all()) {
      ArrayNode values = headers.putArray(header.key());
      boolean secret = SECRET_HEADERS.contains(header.key().toLowerCase(java.util.Locale.ROOT));
      header.values().forEach(v -> values.add(secret ? fingerprint(v) : v));
    }
  }

  /**
   * What a check may know of a credential without seeing it: the auth scheme, the length and
   * a SHA-256 prefix, enough to tell whether the relay forwarded the client's key or its own.
   */
  static String fingerprint(String value) {
    String scheme = "";
    String secret = value;
    int space = value.indexOf(' ');
    if (space > 0 && value.substring(0, space).equalsIgnoreCase("Bearer")) {
      scheme = value.substring(0, space + 1);
      secret = value.substring(space + 1);
    }
    try {
      byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(secret.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return scheme + "<redacted len=" + secret.length() + " sha256=" + java.util.HexFormat.of().formatHex(digest, 0, 6) + ">";
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }

  private static ResponseDefinition json(Object body) {
    try {
      return new ResponseDefinitionBuilder().withStatus(200)
          .withHeader("Content-Type", "application/json")
          .withBody(JSON.writeValueAsString(body)).build();
    } catch (java.io.IOException e) {
      throw new IllegalStateException("admin reply could not be written", e);
    }
  }

}
