package dev.relaytck.recordings.replay;

import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.HttpHeaders;
import com.github.tomakehurst.wiremock.http.Response;
import dev.relaytck.recordings.format.AnthropicErrors;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Turns a reply the server makes up into a WireMock response. */
final class Replies {
  private Replies() {}

  static Response error(Response like, AnthropicErrors.Reply reply) {
    List<HttpHeader> headers = new ArrayList<>();
    for (Map.Entry<String, String> h : reply.headers().entrySet()) {
      headers.add(new HttpHeader(h.getKey(), h.getValue()));
    }
    headers.add(new HttpHeader("Content-Length", Integer.toString(reply.body().length)));
    return Response.Builder.like(like).but()
        .status(reply.status())
        .headers(new HttpHeaders(headers))
        .body(reply.body())
        .build();
  }
}
