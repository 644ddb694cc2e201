package dev.relaytck.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.relaytck.recordings.format.Recordings;
import dev.relaytck.recordings.replay.ReplayOptions;
import dev.relaytck.recordings.replay.ReplayServer;
import dev.relaytck.relay.Behaviour;
import dev.relaytck.relay.TestRelay;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The second documented way to run the suite, as written: the {@code ./mvnw ... verify -DskipTests
 * -Drelaytck.baseUrl=... -Drelaytck.replayUrl=...} command of docs/suite.md and docs/quick-start.md,
 * run by a nested Maven in a fresh copy of the repository's sources (what a clean clone holds, no
 * build output), against the suite's test relay in front of a replay upstream this test starts.
 *
 * <p>Only the two URLs are replaced by the test's own. Two things are added, because they belong
 * to the machine, not to the command: {@code -o} when the outer build runs offline, and the outer
 * build's local repository (read only: {@code verify} installs nothing). The nested build compiles
 * the copy from scratch once (the faithful run) and is up to date for the second (the defective
 * run), so its cost is one compile of the five modules {@code -am} selects plus two suite runs (about
 * 35 s on an idle 2-core machine).
 */
class MavenWayTests {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  /** Every wait on the nested build is bounded: it compiles five modules, then runs the suite once. */
  private static final long NESTED_BUILD_LIMIT_SECONDS = 300;
  /** Directories a clean clone does not have (.gitignore): build output, installed tools, reports. */
  private static final Set<String> NOT_IN_A_CLONE = Set.of(".git", ".tools", "node_modules", "relay-tck-report", ".idea", ".vscode");

  /** Where the documented command's Surefire execution writes the suite's report. */
  private static final String SUITE_REPORT = "conformance-tests/target/relay-tck-reports/TEST-dev.relaytck.checks.CatalogTests.xml";
  /** The suite's one test that is no check: the target's configuration, read once. */
  private static final String CONFIGURATION_TEST = "relay-tck target configuration";

  @TempDir Path dir;

  @Test
  void theDocumentedMavenCommandRunsTheSuiteAndOnlyItAgainstTheTarget() throws Exception {
    List<String> documented = documentedCommand();
    Path mavenOfTheWrapper = wrapperMaven();
    assumeTrue(Files.isExecutable(mavenOfTheWrapper),
        "the documented command runs ./mvnw, whose Maven is not installed at " + mavenOfTheWrapper + " (this test installs nothing)");
    Path clone = copySources(dir.resolve("clone"));
    long started = System.currentTimeMillis();

    try (ReplayServer replay = ReplayServer.start(ReplayOptions.of(Recordings.bundled()).withTimeScale(0.05))) {
      URI upstream = URI.create(replay.baseUrl());
      Nested faithful;
      try (TestRelay relay = new TestRelay(upstream, Set.of())) {
        faithful = run(clone, documented, relay.url().toString(), replay.baseUrl(), "faithful");
      }
      int servedToFaithful = replay.wireMock().getAllServeEvents().size();
      Nested defective;
      try (TestRelay relay = new TestRelay(upstream, EnumSet.of(Behaviour.APPEND_DONE))) {
        defective = run(clone, documented, relay.url().toString(), replay.baseUrl(), "defective");
      }

      // The faithful relay: the build succeeds and every check's test case passed or was skipped.
      assertThat(faithful.exit).as(faithful.tail()).isZero();
      assertThat(servedToFaithful).as("the suite's requests reached the replay upstream through the relay").isPositive();
      SuiteXml faithfulXml = faithful.suiteXml;
      assertThat(faithfulXml).as("the suite's Surefire report; " + faithful.tail()).isNotNull();
      assertThat(faithfulXml.names).contains(CONFIGURATION_TEST);
      assertThat(faithfulXml.names.stream().filter(n -> !n.equals(CONFIGURATION_TEST)))
          .as("test cases named after their check and scenario").hasSizeGreaterThan(100)
          .allMatch(n -> n.matches("\\[[A-Z]+-\\d{3}] (MUST|SHOULD|INFO) .+\\[[A-Z]+-\\d{3}] .+"), "[ID] SEVERITY title … [ID] scenario")
          .anyMatch(n -> n.startsWith("[SSE-040] "));
      assertThat(faithfulXml.failed).as("checks failed on the faithful relay").isEmpty();

      // The defective relay (appends `data: [DONE]` to every stream): the build fails, naming SSE-040.
      assertThat(defective.exit).as(defective.tail()).isNotZero();
      assertThat(defective.log).contains("There are test failures");
      SuiteXml defectiveXml = defective.suiteXml;
      assertThat(defectiveXml).as("the suite's Surefire report; " + defective.tail()).isNotNull();
      assertThat(defectiveXml.failed).as("failed test cases").isNotEmpty()
          .anyMatch(n -> n.startsWith("[SSE-040] "))
          .allMatch(n -> n.startsWith("[SSE-040] ") || n.startsWith("[SSE-070] "), "only the checks the defect breaks");
      assertThat(defectiveXml.failureText).contains("[DONE]");
      assertThat(defectiveXml.names.size() - defectiveXml.failed.size()).as("the other checks still pass").isGreaterThan(100);
    }

    // Nothing was installed: the local repository holds no artifact of this project newer than the test.
    Path ours = localRepository().resolve("dev/relaytck");
    if (Files.isDirectory(ours)) {
      try (Stream<Path> files = Files.walk(ours)) {
        assertThat(files.filter(Files::isRegularFile).filter(p -> p.toFile().lastModified() >= started).map(Path::toString))
            .as("files the nested build wrote into the local repository").isEmpty();
      }
    }
  }

  /**
   * The Maven command of docs/suite.md, which docs/quick-start.md must show identically (so the
   * two pages cannot drift apart), as the words after {@code ./mvnw}.
   */
  private static List<String> documentedCommand() throws IOException {
    List<String> suite = mavenCommand(ROOT.resolve("docs/suite.md"));
    assertThat(mavenCommand(ROOT.resolve("docs/quick-start.md"))).as("quick-start.md shows the command of suite.md").isEqualTo(suite);
    assertThat(suite).contains("verify", "-DskipTests").anyMatch(w -> w.startsWith("-Drelaytck.baseUrl="))
        .anyMatch(w -> w.startsWith("-Drelaytck.replayUrl="));
    return suite;
  }

  private static List<String> mavenCommand(Path page) throws IOException {
    String joined = String.join("\n", Files.readAllLines(page)).replace("\\\n", " ");
    for (String line : joined.split("\n")) {
      String s = line.strip();
      if (s.startsWith("./mvnw ") && s.contains("-Drelaytck.baseUrl=")) return List.of(s.substring("./mvnw ".length()).strip().split("\\s+"));
    }
    throw new AssertionError(ROOT.relativize(page) + " shows no ./mvnw command with -Drelaytck.baseUrl");
  }

  private Nested run(Path clone, List<String> documented, String baseUrl, String replayUrl, String name) throws Exception {
    List<String> command = new ArrayList<>(List.of(clone.resolve("mvnw").toString()));
    if (System.getProperty("relaytck.outerBuild", "").contains("offline=true")) command.add("-o");
    command.add("-Dmaven.repo.local=" + localRepository());
    for (String w : documented) {
      if (w.startsWith("-Drelaytck.baseUrl=")) w = "-Drelaytck.baseUrl=" + baseUrl;
      else if (w.startsWith("-Drelaytck.replayUrl=")) w = "-Drelaytck.replayUrl=" + replayUrl.replaceAll("/$", "");
      command.add(w);
    }
    Path log = dir.resolve(name + ".log");
    ProcessBuilder pb = new ProcessBuilder(command).directory(clone.toFile())
        .redirectErrorStream(true).redirectOutput(log.toFile());
    Map<String, String> env = pb.environment();
    // The user's own relay-tck and Anthropic settings would configure the run: the test sets its own.
    env.keySet().removeIf(k -> k.startsWith("RELAYTCK_") || k.startsWith("ANTHROPIC_") || k.equals("MAVEN_BASEDIR") || k.equals("MAVEN_ARGS"));
    env.put("JAVA_HOME", System.getProperty("java.home"));
    env.put("ANTHROPIC_API_KEY", TestRelay.CLIENT_KEY);
    long t0 = System.nanoTime();
    Process p = pb.start();
    if (!p.waitFor(NESTED_BUILD_LIMIT_SECONDS, TimeUnit.SECONDS)) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
      throw new AssertionError("the nested Maven build (" + name + ") ran over " + NESTED_BUILD_LIMIT_SECONDS + " s:\n"
          + new Nested(-1, Files.readString(log), null).tail());
    }
    String output = Files.readString(log, StandardCharsets.UTF_8);
    // Only the suite ran: no module wrote Surefire reports of the kit's own unit tests.
    try (Stream<Path> files = Files.walk(clone)) {
      assertThat(files.filter(f -> f.getFileName().toString().startsWith("TEST-") && f.toString().endsWith(".xml"))
          .map(f -> clone.relativize(f).toString()))
          .as("test reports written by the nested build (%s relay); its output ends:%n%s", name, output.substring(Math.max(0, output.length() - 4000)))
          .containsExactly(SUITE_REPORT);
    }
    Nested n = new Nested(p.exitValue(), output, SuiteXml.read(clone.resolve(SUITE_REPORT)));
    System.out.printf("MavenWayTests: nested build (%s relay) exit %d after %d s%n", name, n.exit, (System.nanoTime() - t0) / 1_000_000_000);
    assertThat(n.log).as("the nested build installs nothing").doesNotContain("--- install:").doesNotContain("Installing ");
    assertThat(n.log).as("the suite's key never reaches the build output").doesNotContain(TestRelay.CLIENT_KEY);
    return n;
  }

  /** The Maven ./mvnw runs (.mvn/wrapper/maven-wrapper.properties), where the outer build's ./mvnw installed it. */
  private static Path wrapperMaven() throws IOException {
    String version = Files.readAllLines(ROOT.resolve(".mvn/wrapper/maven-wrapper.properties")).stream()
        .filter(l -> l.startsWith("mavenVersion=")).map(l -> l.substring("mavenVersion=".length()).strip()).findFirst().orElseThrow();
    String userHome = System.getenv().getOrDefault("MAVEN_USER_HOME", System.getProperty("user.home") + "/.m2");
    return Path.of(userHome, "wrapper", "dists", "apache-maven-" + version, "bin", "mvn");
  }

  private static Path localRepository() {
    String outer = System.getProperty("relaytck.outerLocalRepository", "");
    return outer.isBlank() || outer.contains("${") ? Path.of(System.getProperty("user.home"), ".m2", "repository") : Path.of(outer);
  }

  /** The repository's files without what a clone does not have: build output of every module, installed tools. */
  private static Path copySources(Path to) throws IOException {
    Files.walkFileTree(ROOT, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) throws IOException {
        String name = d.getFileName() == null ? "" : d.getFileName().toString();
        boolean buildOutput = name.equals("target") && Files.exists(d.resolveSibling("pom.xml"));
        if (!d.equals(ROOT) && (NOT_IN_A_CLONE.contains(name) || buildOutput)) return FileVisitResult.SKIP_SUBTREE;
        Files.createDirectories(to.resolve(ROOT.relativize(d).toString()));
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) throws IOException {
        if (NOT_IN_A_CLONE.contains(f.getFileName().toString())) return FileVisitResult.CONTINUE; // a worktree's .git file
        Files.copy(f, to.resolve(ROOT.relativize(f).toString()), StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
        return FileVisitResult.CONTINUE;
      }
    });
    return to;
  }

  private record Nested(int exit, String log, SuiteXml suiteXml) {
    String tail() {
      return "nested build exit " + exit + ", last lines of its output:\n" + log.substring(Math.max(0, log.length() - 6000));
    }
  }

  /** The suite's Surefire report, read as soon as its run ends (the next run writes the same file). */
  private record SuiteXml(List<String> names, List<String> failed, String failureText) {
    static SuiteXml read(Path xml) throws Exception {
      if (!Files.exists(xml)) return null;
      NodeList cases = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(xml.toFile()).getElementsByTagName("testcase");
      List<String> names = new ArrayList<>();
      List<String> failed = new ArrayList<>();
      StringBuilder failureText = new StringBuilder();
      for (int i = 0; i < cases.getLength(); i++) {
        Element c = (Element) cases.item(i);
        names.add(c.getAttribute("name"));
        NodeList f = c.getElementsByTagName("failure");
        NodeList e = c.getElementsByTagName("error");
        if (f.getLength() + e.getLength() > 0) {
          failed.add(c.getAttribute("name"));
          Element first = (Element) (f.getLength() > 0 ? f.item(0) : e.item(0));
          failureText.append(first.getAttribute("message")).append('\n');
        }
      }
      Files.delete(xml);
      return new SuiteXml(names, failed, failureText.toString());
    }
  }
}
