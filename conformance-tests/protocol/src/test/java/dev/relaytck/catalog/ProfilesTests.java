package dev.relaytck.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ProfilesTests {
  private static final Set<String> KNOWN = new LinkedHashSet<>(List.of("core", "claude-code", "endurance"));

  @Test
  void allExpandsToEveryProfileButTheOptInOnes() {
    assertThat(Profiles.expand(List.of("all"), KNOWN)).containsExactly("core", "claude-code");
    assertThat(Profiles.expand(List.of("all", "endurance"), KNOWN)).containsExactly("core", "claude-code", "endurance");
  }

  @Test
  void namesAreTrimmedLowerCasedDeduplicatedAndKeptInOrder() {
    assertThat(Profiles.expand(List.of(" Claude-Code", "core", "", "core"), KNOWN)).containsExactly("claude-code", "core");
  }

  @Test
  void theCatalogsProfilesAreKnown() {
    assertThat(Profiles.known()).contains(Profiles.DEFAULT);
    assertThat(Profiles.expand(List.of(Profiles.ALL))).doesNotContainAnyElementsOf(Profiles.OPT_IN);
  }
}
