package dev.relaytck.junit;

import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The suite keeps its run in a launcher-session store, an API of JUnit Jupiter 5.13 and later.
 * With an older Jupiter on a provider's class path every test would die of a
 * {@code NoClassDefFoundError}; this says so once, in one line naming the version needed.
 */
final class JupiterVersionGuard {
  static final String REQUIRED = "5.13";
  private static final String MARKER = "org.junit.jupiter.api.extension.ExtensionContext$StoreScope";

  private JupiterVersionGuard() {}

  static void require() {
    require(MARKER, ExtensionContext.class.getPackage().getImplementationVersion());
  }

  static void require(String markerClass, String foundVersion) {
    try {
      Class.forName(markerClass, false, JupiterVersionGuard.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new ExtensionConfigurationException("relay-tck's suite needs JUnit Jupiter " + REQUIRED
          + " or newer (found " + (foundVersion == null ? "an older version" : foundVersion)
          + "): import org.junit:junit-bom " + REQUIRED + ".0 or later in the build that runs it");
    }
  }
}
