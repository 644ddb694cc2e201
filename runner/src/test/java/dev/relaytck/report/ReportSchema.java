package dev.relaytck.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/** schemas/kit/report.schema.json, loaded from the schemas jar, validating with Draft 2020-12. */
public final class ReportSchema {
  static final String RESOURCE = "relay-tck/schemas/kit/report.schema.json";
  private static final Schema SCHEMA = load();

  private ReportSchema() {}

  /** The schema document itself against the Draft 2020-12 meta-schema (bundled in the validator, no network). */
  static List<String> validateSchemaDocument() {
    try (InputStream in = ReportSchema.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      return validateSchemaDocument(ReportJson.mapper().readTree(in));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<String> validateSchemaDocument(JsonNode document) {
    Schema meta = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
        .getSchema(com.networknt.schema.SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));
    return meta.validate(document).stream().map(Error::toString).toList();
  }

  public static List<String> validate(JsonNode report) {
    return SCHEMA.validate(report).stream().map(Error::toString).toList();
  }

  private static Schema load() {
    try (InputStream in = ReportSchema.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) throw new IllegalStateException(RESOURCE + " is not on the classpath");
      JsonNode node = ReportJson.mapper().readTree(in);
      return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(node);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
