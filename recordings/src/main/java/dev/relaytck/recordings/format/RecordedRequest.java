package dev.relaytck.recordings.format;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/** The request that produced a recording; its body is what the kit sends for the scenario. */
public record RecordedRequest(String method, String path, String query, Map<String, List<String>> headers, JsonNode body) {}
