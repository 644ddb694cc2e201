package dev.relaytck.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The kit's own code reads the recordings' format (the on-disk recordings, the fault grammar, the
 * official error shapes a fault answers with), never the replay server's engine: the engine is
 * WireMock extensions a provider's suite run does not start, and what a fault must answer has one
 * home both sides use (dev.relaytck.recordings.format.AnthropicErrors).
 */
class ModuleLayeringTests {
  @Test
  void theKitDoesNotReachIntoTheReplayServer() throws IOException {
    Path main = Path.of("src/main/java");
    try (Stream<Path> sources = Files.walk(main)) {
      assertThat(sources.filter(p -> p.toString().endsWith(".java")).filter(p -> read(p).contains("dev.relaytck.recordings.replay"))
          .map(p -> main.relativize(p).toString()))
          .as("main sources of the kit that use the replay server's package").isEmpty();
    }
  }

  private static String read(Path p) {
    try {
      return Files.readString(p);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + p, e);
    }
  }
}
