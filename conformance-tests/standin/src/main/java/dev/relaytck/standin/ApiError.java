package dev.relaytck.standin;

/**
 * An error the stand-in answers with, shaped like the official API's (docs: api/errors):
 * {@code {"type":"error","error":{"type":...,"message":...},"request_id":...}}. The 413 for an
 * oversize body comes from the edge before the API sees the request: no top-level type and no
 * request id.
 */
public final class ApiError extends Exception {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String type;

  public ApiError(int status, String type, String message) {
    super(message, null, false, false);
    this.status = status;
    this.type = type;
  }

  public static ApiError invalidRequest(String message) {
    return new ApiError(400, "invalid_request_error", message);
  }

  /** The official pairing of a status with its error type. */
  public static ApiError forStatus(int status) {
    return switch (status) {
      case 401 -> new ApiError(401, "authentication_error", "invalid x-api-key");
      case 403 -> new ApiError(403, "permission_error", "Your API key does not have permission to use the specified resource.");
      case 404 -> new ApiError(404, "not_found_error", "Not found");
      case 413 -> new ApiError(413, "request_too_large", "Request exceeds the maximum allowed number of bytes.");
      case 429 -> new ApiError(429, "rate_limit_error",
          "This request would exceed the rate limit for your organization of 50 requests per minute.");
      case 504 -> new ApiError(504, "timeout_error", "Request timed out");
      case 529 -> new ApiError(529, "overloaded_error", "Overloaded");
      default -> new ApiError(status, "api_error", "Internal server error");
    };
  }

  public int status() {
    return status;
  }

  public String type() {
    return type;
  }

  /** Whether the official API tells clients to retry ({@code x-should-retry}). */
  public boolean shouldRetry() {
    return status == 408 || status == 409 || status == 429 || status >= 500;
  }

  /** The error object, with {@code request_id} unless it is the edge's 413. */
  public com.fasterxml.jackson.databind.node.ObjectNode body(String requestId) {
    com.fasterxml.jackson.databind.node.ObjectNode root = Wire.JSON.createObjectNode();
    if (status != 413) {
      root.put("type", "error");
    }
    root.putObject("error").put("type", type).put("message", getMessage());
    if (status != 413) {
      root.put("request_id", requestId);
    }
    return root;
  }
}
