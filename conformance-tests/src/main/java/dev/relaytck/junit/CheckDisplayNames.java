package dev.relaytck.junit;

import dev.relaytck.catalog.Catalog;
import dev.relaytck.catalog.Check;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayNameGenerator;

/**
 * Names each check's factory method after the check: {@code sse020} becomes
 * {@code [SSE-020] MUST every event has an event: line equal to data.type}, so every JUnit
 * report, XML included, keeps the ID.
 */
public final class CheckDisplayNames extends DisplayNameGenerator.Standard {
  private static final Pattern METHOD = Pattern.compile("([a-z]+)(\\d{3})");

  @Override
  public String generateDisplayNameForMethod(List<Class<?>> enclosingInstanceTypes, Class<?> testClass, Method testMethod) {
    return check(testMethod).map(Check::displayName)
        .orElseGet(() -> super.generateDisplayNameForMethod(enclosingInstanceTypes, testClass, testMethod));
  }

  static Optional<Check> check(Method m) {
    Matcher matcher = METHOD.matcher(m.getName());
    if (!matcher.matches()) return Optional.empty();
    return Catalog.byId(matcher.group(1).toUpperCase(java.util.Locale.ROOT) + "-" + matcher.group(2));
  }
}
