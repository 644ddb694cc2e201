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
}
