package dev.relaytck.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.relaytck.junit.Suite;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** The catalog is complete and well-formed, and the shipped suite has exactly one factory per check. */
class CatalogSuiteTests {
  @Test
  void theCatalogHasAtLeastNinetyChecksWithUniqueWellFormedEntries() {
    List<Check> all = Catalog.all();
    assertThat(all).hasSizeGreaterThanOrEqualTo(90);
    assertThat(all.stream().map(Check::id).distinct().count()).isEqualTo(all.size());
    Pattern docRef = Pattern.compile("(claude-code/)?[a-z0-9-]+(/[a-z0-9_-]+)*(#[a-z0-9-]+)?");
    for (Check c : all) {
      CheckSpec s = c.spec();
      assertThat(s.docRef()).as(c.id()).matches(docRef);
      assertThat(s.title()).as(c.id()).isNotBlank().doesNotEndWith(".");
      assertThat(s.requirement()).as(c.id()).isNotBlank();
      assertThat(s.hint()).as(c.id()).isNotBlank();
      assertThat(s.profile()).as(c.id()).isIn("core", "faults", "sdk", "claude-code", "endurance",
          "identity", "perf", "context", "billing", "security", "trial");
      assertThat(c.displayName()).startsWith("[" + c.id() + "] " + c.severity() + " ");
    }
    Map<Area, Long> perArea = all.stream().collect(Collectors.groupingBy(c -> c.spec().area(), Collectors.counting()));
    assertThat(perArea.keySet()).contains(Area.AUTH, Area.HDR, Area.REQ, Area.MSG, Area.SSE, Area.EVT, Area.TOOL,
        Area.THINK, Area.CACHE, Area.ERR, Area.FAULT, Area.EP, Area.SDK, Area.CC);
  }

  @Test
  void theShippedSuiteHasOneContainerPerCheckDerivedFromTheCatalog() throws Exception {
    // No hand-kept list: the suite's one factory maps the catalog, so a new check cannot be forgotten.
    Class<?> suite = Class.forName("dev.relaytck.checks.CatalogTests");
    long factories = java.util.Arrays.stream(suite.getDeclaredMethods()).filter(m -> m.isAnnotationPresent(TestFactory.class)).count();
    assertThat(factories).isEqualTo(1);
    assertThat(Suite.SKIPPED_NAME).isNotBlank();
    assertThat(Suite.RUN_NAME).isNotBlank();
  }

  @Test
  void globsSelectChecks() {
    assertThat(Catalog.select(List.of("AUTH-*"))).extracting(Check::id).containsExactly("AUTH-010", "AUTH-020", "AUTH-030", "AUTH-040", "AUTH-050");
    assertThat(Catalog.select(List.of("err-090"))).extracting(Check::id).containsExactly("ERR-090");
  }
}
