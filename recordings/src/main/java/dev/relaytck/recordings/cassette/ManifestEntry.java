package dev.relaytck.recordings.cassette;

import java.util.List;

/**
 * One file of the corpus as {@code manifest.json} describes it.
 *
 * @param path relative to the corpus folder
 * @param source the corpus folder it sits in ({@code owner__repo})
 * @param format the manifest's format name ({@code vcrpy}, {@code ruby-vcr}, ...), {@code null} when
 *     the manifest's scanner did not recognise it (the reader still looks inside)
 * @param exchanges how many exchanges with the API the manifest counted
 */
public record ManifestEntry(
    String path, String source, String format, int exchanges, List<String> statuses, String commit,
    List<String> flags, List<String> features) {

  public boolean synthesized() {
    return flags.stream().anyMatch(CorpusManifest::isSynthesizedFlag);
  }
}
