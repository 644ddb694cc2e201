package dev.relaytck.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The artifacts can be published to Maven Central as they are: a licence file, and every POM
 * with the metadata Central requires (name and description per module; licence and developers
 * inherited from the parent); the release profile adds the sources and javadoc jars.
 */
class PublishingMetadataTests {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  private static Document pom(String module) throws Exception {
    return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(ROOT.resolve(module).resolve("pom.xml").toFile());
  }

  private static String child(Document pom, String name) {
    var nodes = pom.getDocumentElement().getChildNodes();
    for (int i = 0; i < nodes.getLength(); i++) {
      if (nodes.item(i) instanceof Element e && e.getTagName().equals(name)) return e.getTextContent().strip();
    }
    return "";
  }

  @Test
  void everyModuleCarriesWhatMavenCentralRequires() throws Exception {
    assertThat(ROOT.resolve("LICENSE")).exists();
    assertThat(Files.readString(ROOT.resolve("LICENSE"))).contains("Apache License").contains("Version 2.0");
    Document parent = pom(".");
    assertThat(child(parent, "licenses")).contains("Apache License, Version 2.0");
    assertThat(child(parent, "developers")).isNotBlank();
    assertThat(parent.getElementsByTagName("maven-source-plugin").getLength() + child(parent, "profiles").indexOf("maven-source-plugin"))
        .as("the release profile attaches sources").isPositive();
    assertThat(child(parent, "profiles")).contains("maven-javadoc-plugin");
    for (String module : List.of("schemas", "conformance-tests/protocol", "recordings", "conformance-tests", "runner")) {
      Document pom = pom(module);
      assertThat(child(pom, "name")).as(module + " name").isNotBlank();
      assertThat(child(pom, "description")).as(module + " description").isNotBlank();
    }
  }

  /**
   * Central also requires {@code <url>} and {@code <scm>}, which name the public repository: not
   * known here, so never invented. Until the parent declares them, docs/suite.md must say that a
   * publisher fills them in; once declared, they must be complete.
   */
  @Test
  void theRepositoryAddressIsDeclaredCompletelyOrDocumentedAsThePublishersToFillIn() throws Exception {
    Document parent = pom(".");
    String url = child(parent, "url");
    String scm = child(parent, "scm");
    if (url.isEmpty() && scm.isEmpty()) {
      String suite = Files.readString(ROOT.resolve("docs/suite.md"));
      assertThat(suite).as("docs/suite.md tells a publisher what to fill in")
          .contains("## Publishing the artifacts").contains("`<url>` and `<scm>`").contains("developerConnection");
      return;
    }
    assertThat(url).as("the parent's <url>").startsWith("https://");
    Element scmElement = (Element) parent.getElementsByTagName("scm").item(0);
    assertThat(scmElement).as("the parent's <scm>").isNotNull();
    for (String part : List.of("connection", "developerConnection", "url")) {
      assertThat(scmElement.getElementsByTagName(part).getLength()).as("<scm><" + part + ">").isEqualTo(1);
      assertThat(scmElement.getElementsByTagName(part).item(0).getTextContent()).as("<scm><" + part + ">").isNotBlank();
    }
  }
}
