package dev.relaytck.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;

/** Parsing of --price, --currency-rate and --balance, and the figures built on them. */
class BillingOptionsTests {
  private static final URI BASE = URI.create("http://127.0.0.1:8080/prefix/");

  @Test
  void aPriceDefaultsItsCacheKindsToTheListRatios() {
    Price p = Price.parse("in=3,out=15", 1);
    assertThat(p.cacheWrite()).isEqualTo(3.75);
    assertThat(p.cacheRead()).isCloseTo(0.3, org.assertj.core.data.Offset.offset(1e-12));
    assertThat(p.usd(new TokenCount(1_000_000, 1_000_000, 1_000_000, 1_000_000))).isCloseTo(22.05, org.assertj.core.data.Offset.offset(1e-9));
  }

  @Test
  void aPriceInAnotherCurrencyIsConvertedToUsd() {
    Price p = Price.parse("in=21.6, out=108, cache_write=27, cache_read=2.16", 1 / 7.2);
    assertThat(p.input()).isCloseTo(3, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(p.cacheRead()).isCloseTo(0.3, org.assertj.core.data.Offset.offset(1e-9));
  }

  @Test
  void aBadPriceSaysWhatIsWrong() {
    assertThatThrownBy(() -> Price.parse("in=3", 1)).hasMessageContaining("at least in=X,out=Y");
    assertThatThrownBy(() -> Price.parse("in=3,out=x", 1)).hasMessageContaining("out must be a number");
    assertThatThrownBy(() -> Price.parse("in=3,out=15,cached=1", 1)).hasMessageContaining("unknown kind 'cached'");
    assertThatThrownBy(() -> Price.parse("in=-3,out=15", 1)).hasMessageContaining(">= 0");
    assertThatThrownBy(() -> Price.parse("in=3,out=15", 0)).hasMessageContaining("--currency-rate");
  }

  @Test
  void thePresetsReadTheDashboardAtTheOriginOfTheBaseUrl() {
    BalanceSource n = BalanceSource.parse("new-api", BASE);
    assertThat(n.url()).isEqualTo(URI.create("http://127.0.0.1:8080/api/user/self"));
    assertThat(n.pointer()).isEqualTo("/data/quota");
    assertThat(n.usdPerUnit()).isEqualTo(1 / 500_000.0);
    assertThat(BalanceSource.parse("one-api:250000", BASE).usdPerUnit()).isEqualTo(1 / 250_000.0);
    assertThat(BalanceSource.parse("openai", BASE).kind()).isEqualTo(BalanceSource.Kind.OPENAI);
    BalanceSource any = BalanceSource.parse("https://relay.test/api/balance#/data/left*0.01", BASE);
    assertThat(any.url()).isEqualTo(URI.create("https://relay.test/api/balance"));
    assertThat(any.pointer()).isEqualTo("/data/left");
    assertThat(any.usdPerUnit()).isEqualTo(0.01);
  }

  @Test
  void aBadBalanceSpecSaysWhatIsAccepted() {
    assertThatThrownBy(() -> BalanceSource.parse("dashboard", BASE)).hasMessageContaining("new-api[:QUOTA_PER_USD]");
    assertThatThrownBy(() -> BalanceSource.parse("new-api:lots", BASE)).hasMessageContaining("must be a number > 0");
    assertThatThrownBy(() -> BalanceSource.parse("https://relay.test/b#data", BASE)).hasMessageContaining("JSON pointer");
  }

  @Test
  void theTypicalHourComesFromTheBundledClaudeCodeSession() {
    TypicalHour h = TypicalHour.fromRecordings();
    assertThat(h.sessionTurns()).isEqualTo(3);
    // Claude Code's prompts are tens of thousands of tokens, almost all of them read from the cache.
    assertThat(h.perHour().cacheRead()).isGreaterThan(h.perHour().cacheWrite());
    assertThat(h.perHour().prompt() / h.requestsPerHour()).isBetween(5_000L, 40_000L);
    assertThat(h.tokensPerByte()).isBetween(0.1, 0.5);
  }

  @Test
  void theOutputBandOfAFamilyComesFromItsRecordings() {
    OutputBand b = OutputBand.forModel("claude-sonnet-4-5");
    assertThat(b.samples()).isGreaterThanOrEqualTo(2);
    assertThat(b.contains(0.25)).isTrue();
    assertThat(b.contains(2.0)).isFalse();
  }
}
