package dev.relaytck.cli;

import picocli.CommandLine;

/** Reports the version Maven wrote into the jar's manifest. */
final class VersionProvider implements CommandLine.IVersionProvider {
  static String version() {
    String v = RelayTck.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }

  @Override
  public String[] getVersion() {
    return new String[] {"relay-tck " + version()};
  }
}
