package dev.relaytck.provider;

import org.junit.platform.suite.api.SelectPackages;
import org.junit.platform.suite.api.Suite;

/**
 * A provider's suite class exactly as docs/suite.md shows it (the third way), but for the
 * target, which the test passes as configuration parameters the suite inherits. Its name does
 * not end in {@code Tests}: the kit's own build runs it only through {@code ProviderSuiteTests}.
 */
@Suite
@SelectPackages("dev.relaytck.checks")
public class ProviderConformanceSuite {}
