package dev.relaytck.checks;

import dev.relaytck.catalog.FaultCheck;
import dev.relaytck.junit.Suite;
import dev.relaytck.junit.CheckDisplayNames;
import dev.relaytck.junit.SuiteExtension;
import org.junit.jupiter.api.DisplayName;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Relay behaviour under upstream faults: one test factory per check of {@link FaultCheck}, each a container named from the
 * check ID, with one test per scenario the check applies to. Runs only against a configured target.
 */
@DisplayName("Relay behaviour under upstream faults")
@DisplayNameGeneration(CheckDisplayNames.class)
@ExtendWith(SuiteExtension.class)
public class FaultTests {
  /** FAULT-010: an upstream that closes mid-stream is never turned into a complete message. */
  @TestFactory
  Stream<DynamicTest> fault010(ExtensionContext context) {
    return Suite.tests(FaultCheck.FAULT_010, context);
  }

  /** FAULT-020: an upstream that closes before answering gives an Anthropic 5xx error. */
  @TestFactory
  Stream<DynamicTest> fault020(ExtensionContext context) {
    return Suite.tests(FaultCheck.FAULT_020, context);
  }

  /** FAULT-030: a client disconnect cancels the upstream request. */
  @TestFactory
  Stream<DynamicTest> fault030(ExtensionContext context) {
    return Suite.tests(FaultCheck.FAULT_030, context);
  }

  /** FAULT-040: a pause of the upstream within the bound does not cut the stream. */
  @TestFactory
  Stream<DynamicTest> fault040(ExtensionContext context) {
    return Suite.tests(FaultCheck.FAULT_040, context);
  }

  /** FAULT-050: upstream retries are reported. */
  @TestFactory
  Stream<DynamicTest> fault050(ExtensionContext context) {
    return Suite.tests(FaultCheck.FAULT_050, context);
  }
}
