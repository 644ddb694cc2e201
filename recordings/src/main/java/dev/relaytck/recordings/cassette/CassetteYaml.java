package dev.relaytck.recordings.cassette;

import java.util.List;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Loads cassette YAML into plain maps, lists, strings and byte arrays. Safe (no arbitrary
 * classes), but it understands the three tags the recorders write: {@code !!binary} (vcrpy's
 * raw bytes, often gzip), Ruby's {@code !binary}, and Python's
 * {@code !!python/object/apply:multidict._multidict.istr} header names (the DataDog test agent),
 * read as their string argument.
 */
final class CassetteYaml {
  // Large cassettes hold base64 PDFs and images; SnakeYAML's 3 MB default would refuse them.
  private static final int CODE_POINT_LIMIT = 256 * 1024 * 1024;

  private static final String PYTHON_APPLY = "tag:yaml.org,2002:python/object/apply:";

  private CassetteYaml() {}

  static Object load(String text) {
    LoaderOptions options = new LoaderOptions();
    options.setCodePointLimit(CODE_POINT_LIMIT);
    options.setAllowDuplicateKeys(true);
    // Only the Python tag the test agent writes for header names; it is read as a string.
    options.setTagInspector(tag -> tag.getValue().startsWith(PYTHON_APPLY));
    DumperOptions unused = new DumperOptions(); // the constructor needs one; nothing is dumped
    return new Yaml(new CassetteConstructor(options), new Representer(unused), unused, options,
        new NoTimestampResolver()).load(text);
  }

  /** Header values such as {@code 2026-08-19T14:34:12Z} must stay the text that was recorded. */
  private static final class NoTimestampResolver extends Resolver {
    @Override
    public void addImplicitResolver(Tag tag, Pattern regexp, String first, int limit) {
      if (!Tag.TIMESTAMP.equals(tag)) {
        super.addImplicitResolver(tag, regexp, first, limit);
      }
    }
  }

  private static final class CassetteConstructor extends SafeConstructor {
    CassetteConstructor(LoaderOptions options) {
      super(options);
      yamlConstructors.put(new Tag("!binary"), new ConstructYamlBinary());
      yamlMultiConstructors.put(PYTHON_APPLY, new ConstructFirstArgument());
    }

    /** {@code istr("Accept")} is the string {@code Accept}. */
    private final class ConstructFirstArgument extends AbstractConstruct {
      @Override
      public Object construct(Node node) {
        if (node instanceof SequenceNode sequence) {
          List<?> args = constructSequence(sequence);
          return args.isEmpty() ? "" : String.valueOf(args.get(0));
        }
        return String.valueOf(constructScalar((ScalarNode) node));
      }
    }
  }
}
