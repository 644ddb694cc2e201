package dev.relaytck.recordings.cassette;

import java.util.List;

/**
 * A public repository the corpus copied files from.
 *
 * @param folder the corpus folder ({@code owner__repo})
 * @param repository {@code owner/repo}
 * @param commit the snapshot commit
 * @param license SPDX expression of its licence
 * @param licenseFiles the licence texts copied beside its files, relative to the corpus folder
 */
public record SourceRepository(String folder, String repository, String commit, String license, List<String> licenseFiles) {}
