package dev.relaytck.recordings.cassette;

import java.util.List;
import java.util.Map;

/**
 * What a format reader extracts from one exchange, before the corpus reader decodes bodies,
 * classifies them and attaches attribution.
 *
 * @param forcedKind set when the format itself says how the body was kept (re-serialized), else {@code null}
 */
record ExchangeParts(
    String method, String url, Map<String, List<String>> requestHeaders, byte[] requestBody,
    int status, Map<String, List<String>> responseHeaders, byte[] responseBody, BodyKind forcedKind) {}
