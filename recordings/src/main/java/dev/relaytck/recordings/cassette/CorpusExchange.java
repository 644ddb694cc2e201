package dev.relaytck.recordings.cassette;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * One request/response exchange read from a published cassette or fixture of the corpus.
 * CassetteValues are decoded (gzip removed); header maps are case-insensitive and keep the recorded
 * names and order of values.
 *
 * @param source the corpus folder ({@code owner__repo})
 * @param repository {@code owner/repo}
 * @param path the file, relative to the corpus folder
 * @param sourcePath the file's path in its source repository
 * @param commit the source repository commit the file was copied at (for a historical version,
 *     the commit of that version)
 * @param license SPDX expression of the source repository's licence
 * @param index position of the exchange within its file, from 0
 * @param method HTTP method; {@code null} when the fixture holds only a response
 * @param url request URL; {@code null} when not recorded
 * @param requestBody request body bytes; {@code null} when not recorded
 * @param status HTTP status; {@link #STATUS_UNKNOWN} when not recorded
 * @param flags the manifest's reasons to doubt the file (synthesized, duplicated)
 * @param features the manifest's feature tags for the file
 */
public record CorpusExchange(
    String source,
    String repository,
    String path,
    String sourcePath,
    String commit,
    String license,
    int index,
    String method,
    String url,
    Map<String, List<String>> requestHeaders,
    byte[] requestBody,
    int status,
    Map<String, List<String>> responseHeaders,
    byte[] responseBody,
    BodyKind kind,
    List<String> flags,
    List<String> features) {

  public static final int STATUS_UNKNOWN = 0;

  /** {@code path#index}: names the exchange in messages. */
  public String id() {
    return path + "#" + index;
  }

  /** The request path ({@code /v1/messages}), or {@code null} when the request was not recorded. */
  public String endpoint() {
    if (url == null) {
      return null;
    }
    try {
      return URI.create(url.strip()).getPath();
    } catch (IllegalArgumentException e) {
      return url;
    }
  }

  /** The legacy text-completions endpoint, not part of the Messages API the kit tests. */
  public boolean legacyCompletion() {
    String endpoint = endpoint();
    return endpoint != null && endpoint.endsWith("/v1/complete");
  }

  public boolean countTokens() {
    String endpoint = endpoint();
    return endpoint != null && endpoint.endsWith("/count_tokens");
  }

  /** The manifest doubts that the API produced this body (invented ids, hand edits). */
  public boolean synthesized() {
    return flags.stream().anyMatch(CorpusManifest::isSynthesizedFlag);
  }

  public String responseText() {
    return responseBody == null ? "" : new String(responseBody, StandardCharsets.UTF_8);
  }

  public String requestText() {
    return requestBody == null ? null : new String(requestBody, StandardCharsets.UTF_8);
  }

  /** First value of a response header, ignoring case; {@code null} when absent. */
  public String responseHeader(String name) {
    List<String> values = responseHeaders.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }
}
