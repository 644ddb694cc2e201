package dev.relaytck.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.relaytck.relay.BillingRelay;
import dev.relaytck.relay.BillingRelay.BalanceQuirk;
import dev.relaytck.relay.BillingRelay.Mode;
import dev.relaytck.target.Secret;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The balance reader against a balance API that answers well, hangs mid-body or floods: bounded, never a kit error. */
class BalanceReaderTests {
  private static BalanceReader reader(BillingRelay relay, Duration timeout) {
    return new BalanceReader(BalanceSource.parse("new-api", relay.url()), Secret.of(BillingRelay.DASHBOARD_TOKEN),
        Map.of("New-Api-User", BillingRelay.USER_ID), timeout);
  }

  @Test
  void theNewApiPresetReadsQuotaAsUsdWithOneUnitResolution() throws Exception {
    try (BillingRelay relay = new BillingRelay(URI.create("http://127.0.0.1:9"), Mode.HONEST, Price.of(3, 15), 0)) {
      Balance b = reader(relay, Duration.ofSeconds(5)).read();
      assertThat(b.usd()).isEqualTo(relay.quota() / 500_000.0);
      assertThat(b.resolutionUsd()).isEqualTo(1 / 500_000.0);
    }
  }

  @Test
  void aBodyThatNeverEndsOrNeverStopsIsGivenUpOnWithAMessage() throws Exception {
    try (BillingRelay relay = new BillingRelay(URI.create("http://127.0.0.1:9"), Mode.HONEST, Price.of(3, 15), 0)) {
      relay.quirk(BalanceQuirk.HANG_BODY);
      assertThatThrownBy(() -> reader(relay, Duration.ofMillis(300)).read()).isInstanceOf(BalanceUnreadable.class)
          .hasMessageContaining("no complete answer within 300 ms");
      relay.quirk(BalanceQuirk.FLOOD);
      assertThatThrownBy(() -> reader(relay, Duration.ofSeconds(5)).read()).isInstanceOf(BalanceUnreadable.class)
          .hasMessageContaining("more than " + BalanceReader.MAX_BODY + " bytes");
    }
  }

  @Test
  void anUnreachableBalanceApiIsAMessageNotAnException() {
    BalanceReader r = new BalanceReader(BalanceSource.parse("openai", URI.create("http://127.0.0.1:9")), null, Map.of(),
        Duration.ofMillis(500));
    assertThatThrownBy(r::read).isInstanceOf(BalanceUnreadable.class).hasMessageContaining("credit_grants");
  }
}
