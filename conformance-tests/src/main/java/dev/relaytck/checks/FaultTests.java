package dev.relaytck.checks;

import dev.relaytck.catalog.FaultCheck;
import dev.relaytck.junit.Suite;
import dev.relaytck.junit.TargetConfigured;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Relay behaviour under upstream faults: one test factory per check of {@link FaultCheck}, each a container named from the
 * check ID with one test per scenario the check applies to. Runs only against a configured target.
 */
@DisplayName("Relay behaviour under upstream faults")
@ExtendWith(TargetConfigured.class)
public class FaultTests {
  /** FAULT-010: an upstream that closes mid-stream is never turned into a complete message. */
  @TestFactory
  DynamicContainer fault010(ExtensionContext context) {
    return Suite.container(FaultCheck.FAULT_010, context);
  }

  /** FAULT-020: an upstream that closes before answering gives an Anthropic 5xx error. */
  @TestFactory
  DynamicContainer fault020(ExtensionContext context) {
    return Suite.container(FaultCheck.FAULT_020, context);
  }

  /** FAULT-030: a client disconnect cancels the upstream request. */
  @TestFactory
  DynamicContainer fault030(ExtensionContext context) {
    return Suite.container(FaultCheck.FAULT_030, context);
  }

  /** FAULT-040: a pause of the upstream within the bound does not cut the stream. */
  @TestFactory
  DynamicContainer fault040(ExtensionContext context) {
    return Suite.container(FaultCheck.FAULT_040, context);
  }

  /** FAULT-050: upstream retries are reported. */
  @TestFactory
  DynamicContainer fault050(ExtensionContext context) {
    return Suite.container(FaultCheck.FAULT_050, context);
  }
}
