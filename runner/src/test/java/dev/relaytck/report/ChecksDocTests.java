package dev.relaytck.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.relaytck.catalog.Catalog;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * docs/checks.md is generated from the catalog and committed; this test fails when it is stale.
 * Regenerate with {@code ./mvnw -B -pl runner -am verify -Dtest=ChecksDocTests
 * -Dsurefire.failIfNoSpecifiedTests=false -Drelaytck.regenerateDocs=true}
 * (or {@code ./relay-tck list --markdown > docs/checks.md}).
 */
class ChecksDocTests {
  static Path docsDir() {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isRegularFile(p.resolve("relay-tck")) && Files.isDirectory(p.resolve("docs"))) return p.resolve("docs");
    }
    return null;
  }

  @Test
  void theCommittedCatalogPageIsCurrent() throws Exception {
    Path docs = docsDir();
    assumeTrue(docs != null, "not run from a relay-tck checkout: no docs/ beside the relay-tck launcher");
    Path page = docs.resolve("checks.md");
    String expected = new ChecksDoc().render(Catalog.all());
    if (Boolean.getBoolean("relaytck.regenerateDocs")) {
      Files.writeString(page, expected, StandardCharsets.UTF_8);
    }
    assertThat(page).as("docs/checks.md exists (regenerate with -Drelaytck.regenerateDocs=true)").exists();
    assertThat(Files.readString(page, StandardCharsets.UTF_8))
        .as("docs/checks.md is stale: regenerate it with -Drelaytck.regenerateDocs=true (see ChecksDocTests)")
        .isEqualTo(expected);
  }

  @Test
  void thePageListsEveryCheckWithItsSeverityProfileAndDocumentationLink() {
    String md = new ChecksDoc().render(Catalog.all());
    Catalog.all().forEach(c -> assertThat(md).contains("| " + c.id() + " | " + c.severity() + " | " + c.spec().profile() + " | **"
        + c.spec().title().replace("|", "\\|") + "**").contains("](" + c.spec().docUrl() + ")"));
    assertThat(md).contains("## SSE: Stream framing").contains("- [SSE: Stream framing](#sse-stream-framing)");
  }
}
