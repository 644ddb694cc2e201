package dev.relaytck.billing;

/** One request of an audit: what was asked, how the relay answered, and the usage it reported. */
public record Charge(String scenario, String model, int status, TokenCount tokens) {}
