package dev.relaytck.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The documentation stands alone: a user has the repository and nothing else, so README.md and
 * docs/ cite only what the repository contains, and every relative link resolves.
 */
class DocsStandAloneTests {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  /** Markdown links and images: {@code [text](target)}. */
  private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");

  private static List<Path> pages() throws IOException {
    List<Path> pages = new ArrayList<>();
    pages.add(ROOT.resolve("README.md"));
    try (Stream<Path> docs = Files.walk(ROOT.resolve("docs"))) {
      docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
    }
    return pages;
  }

  @Test
  void noPageCitesAnythingOutsideTheRepository() throws IOException {
    List<String> found = new ArrayList<>();
    for (Path page : pages()) {
      List<String> lines = Files.readAllLines(page);
      for (int i = 0; i < lines.size(); i++) {
        String line = lines.get(i);
        if (line.contains("DESIGN.md") || line.contains("../shared") || line.contains("shared/corpus")) {
          found.add(ROOT.relativize(page) + ":" + (i + 1) + ": " + line.strip());
        }
      }
    }
    assertThat(found).as("references to files a user does not have").isEmpty();
  }

  @Test
  void everyRelativeLinkResolves() throws IOException {
    List<String> broken = new ArrayList<>();
    for (Path page : pages()) {
      Matcher m = LINK.matcher(Files.readString(page));
      while (m.find()) {
        String target = m.group(1);
        if (target.matches("^[a-z]+:.*") || target.startsWith("#")) continue;
        String file = target.replaceAll("#.*$", "");
        if (!Files.exists(page.getParent().resolve(file))) broken.add(ROOT.relativize(page) + " -> " + target);
      }
    }
    assertThat(broken).as("relative links to missing files").isEmpty();
  }
}
