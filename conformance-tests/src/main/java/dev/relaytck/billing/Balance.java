package dev.relaytck.billing;

/**
 * One reading of a balance in USD, with its resolution: the smallest step the API can show (one
 * quota unit, or the last decimal it printed), below which two readings cannot be told apart.
 */
public record Balance(double usd, double resolutionUsd) {}
