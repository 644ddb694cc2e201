package dev.relaytck.target;

/** Bytes of a response body as one network read delivered them, and when ({@link System#nanoTime()}). */
public record Chunk(byte[] bytes, long arrivalNanos) {}
