package dev.relaytck.recordings.format;

/**
 * Where a recording came from.
 *
 * @param kind {@code captured-live} (byte-exact capture from the official API) or {@code derived}
 * @param repository for captured-live recordings imported from published cassettes: {@code owner/name}
 * @param path the cassette's path in that repository
 * @param commit the repository commit it was copied at
 * @param license that repository's licence (SPDX id)
 * @param derivedFrom for derived recordings: what they were derived from and how
 * @param timing {@code recorded} when event offsets were measured, or the default pacing used
 */
public record Provenance(
    String kind, String repository, String path, String commit, String license,
    String derivedFrom, String timing, String capturedAt) {}
