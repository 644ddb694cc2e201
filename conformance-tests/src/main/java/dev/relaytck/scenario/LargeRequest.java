package dev.relaytck.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.Optional;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;

/**
 * A scenario request made several megabytes large the way real clients do it: a PNG image
 * (base64, about 3 MB of request) put before the text of the last user message. The image is
 * valid (seeded noise, so it does not compress) and below the API's 5 MB image limit, so a live
 * upstream accepts it too.
 */
public final class LargeRequest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static volatile String image;

  private LargeRequest() {}

  /** The base64 PNG the large request carries (generated once per JVM). */
  public static String imageBase64() {
    String i = image;
    if (i == null) {
      BufferedImage img = new BufferedImage(1024, 768, BufferedImage.TYPE_INT_RGB);
      SplittableRandom random = new SplittableRandom(20260101);
      for (int y = 0; y < img.getHeight(); y++) {
        for (int x = 0; x < img.getWidth(); x++) img.setRGB(x, y, random.nextInt(1 << 24));
      }
      ByteArrayOutputStream png = new ByteArrayOutputStream();
      try {
        ImageIO.write(img, "png", png);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot encode the large request's image", e);
      }
      i = Base64.getEncoder().encodeToString(png.toByteArray());
      image = i;
    }
    return i;
  }

  /** {@code body} (a Messages request) with the image added to its last user message; unchanged when it has none. */
  public static byte[] withImage(byte[] body) {
    try {
      JsonNode root = JSON.readTree(body);
      ArrayNode messages = root.path("messages") instanceof ArrayNode a ? a : null;
      if (messages == null) return body;
      for (int i = messages.size() - 1; i >= 0; i--) {
        if (!(messages.get(i) instanceof ObjectNode m) || !"user".equals(m.path("role").asText())) continue;
        ArrayNode blocks = JSON.createArrayNode();
        ObjectNode img = blocks.addObject();
        img.put("type", "image");
        ObjectNode source = img.putObject("source");
        source.put("type", "base64");
        source.put("media_type", "image/png");
        source.put("data", imageBase64());
        JsonNode content = m.get("content");
        if (content != null && content.isTextual()) {
          blocks.addObject().put("type", "text").put("text", content.asText());
        } else if (content instanceof ArrayNode old) {
          blocks.addAll(old);
        }
        m.set("content", blocks);
        return JSON.writeValueAsBytes(root);
      }
      return body;
    } catch (IOException e) {
      return body;
    }
  }

  /** The image data of the first image block of the last user message of {@code body}, if any. */
  public static Optional<String> imageOf(JsonNode body) {
    JsonNode messages = body == null ? null : body.path("messages");
    if (messages == null || !messages.isArray()) return Optional.empty();
    for (int i = messages.size() - 1; i >= 0; i--) {
      JsonNode m = messages.get(i);
      if (!"user".equals(m.path("role").asText())) continue;
      for (JsonNode b : m.path("content")) {
        if ("image".equals(b.path("type").asText())) return Optional.ofNullable(b.path("source").path("data").asText(null));
      }
      return Optional.empty();
    }
    return Optional.empty();
  }
}
