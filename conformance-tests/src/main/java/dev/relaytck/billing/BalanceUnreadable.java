package dev.relaytck.billing;

/** The balance API gave no usable balance; the message says what arrived and what to change. */
public final class BalanceUnreadable extends Exception {
  public BalanceUnreadable(String message) {
    super(message);
  }
}
