package io.beamcep.patterns.json;

import com.fasterxml.jackson.databind.JsonNode;
import io.beamcep.patterns.RuleException;
import io.beamcep.patterns.model.AfterMatch;
import io.beamcep.patterns.model.AfterMatchType;
import io.beamcep.patterns.model.AtomicNode;
import io.beamcep.patterns.model.ConditionSpec;
import io.beamcep.patterns.model.Contiguity;
import io.beamcep.patterns.model.Edge;
import io.beamcep.patterns.model.EdgeType;
import io.beamcep.patterns.model.Graph;
import io.beamcep.patterns.model.Node;
import io.beamcep.patterns.model.Quantifier;
import io.beamcep.patterns.model.QuantifierProperty;
import io.beamcep.patterns.model.RuleLimits;
import io.beamcep.patterns.model.Times;
import io.beamcep.patterns.model.Window;
import io.beamcep.patterns.model.WindowType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Reads the reference's pattern JSON (GraphSpec / NodeSpec / EdgeSpec / QuantifierSpec /
 * ConditionSpec / WindowSpec / AfterMatchSkipStrategySpec) into the model, checking types, enum
 * values and required keys as it goes. Chain structure is checked afterwards by {@link
 * GraphChecks}, once every name is known.
 *
 * <p>The parts of a graph are read independently: a problem in one node, edge, quantifier,
 * condition or window is recorded and reading goes on, so the rule is refused with every such
 * problem at once ({@link RuleException#problems}). The chain is checked only when every part
 * read.
 */
final class GraphReader {
  /** Node type values of the reference's NodeSpec. */
  enum NodeType {
    ATOMIC,
    COMPOSITE
  }

  /** Condition type values of the reference's ConditionSpec. */
  enum ConditionType {
    CLASS,
    AVIATOR
  }

  static final String RICH_AND = "org.apache.flink.cep.pattern.conditions.RichAndCondition";
  static final String RICH_OR = "org.apache.flink.cep.pattern.conditions.RichOrCondition";
  static final String RICH_NOT = "org.apache.flink.cep.pattern.conditions.RichNotCondition";

  /** The only pattern format version the reference has ever written. */
  static final int FORMAT_VERSION = 1;

  private final Fields fields;
  /** The problems recorded so far, in the order the JSON lists their spots. */
  private final List<RuleException> problems = new ArrayList<>();

  GraphReader(Fields fields) {
    this.fields = fields;
  }

  /**
   * What {@code read} returns; when it finds a problem, the problem is recorded and {@code
   * fallback} stands in, so that reading goes on to the parts that do not depend on it.
   */
  private <T> T orRecord(Supplier<T> read, T fallback) {
    try {
      return read.get();
    } catch (RuleException problem) {
      problems.add(problem);
      return fallback;
    }
  }

  /** Runs {@code check}, recording the problem it finds: see {@link #orRecord}. */
  private void recording(Runnable check) {
    orRecord(() -> {
      check.run();
      return null;
    }, null);
  }

  /** The top-level pattern graph at {@code path} (normally {@code $.pattern}). */
  Graph readPattern(JsonNode json, String path) {
    fields.requireObject(json, path);
    recording(() -> checkPatternType(json, path));
    recording(() -> checkFormatVersion(json, path));
    String name = orRecord(() -> fields.optionalText(json, "name", path + ".name"), null);
    Graph read = orRecord(() -> readGraph(json, path, name, 0), null);
    if (!problems.isEmpty()) {
      throw RuleException.all(problems);
    }
    // The reference copies its last node's quantifier to the top level, where it means nothing
    // (and reading it as a quantifier of the whole pattern would repeat the pattern): it is
    // checked above like any quantifier, then dropped.
    Graph graph =
        new Graph(
            read.name(),
            Quantifier.single(),
            read.nodes(),
            read.edges(),
            read.window(),
            read.afterMatch());
    GraphChecks.check(graph, path, fields);
    return graph;
  }

  private void checkPatternType(JsonNode json, String path) {
    String type = fields.optionalText(json, "type", path + ".type");
    if (type != null
        && fields.enumValue(type, path + ".type", NodeType.class, "'type'") != NodeType.COMPOSITE) {
      throw fields.error(
          path + ".type", "a pattern must be of type COMPOSITE (a graph), not " + type);
    }
  }

  private void checkFormatVersion(JsonNode json, String path) {
    if (!Fields.isMissing(json, "version")) {
      int version = fields.requireInt(json, "version", path + ".version");
      if (version != FORMAT_VERSION) {
        throw fields.error(
            path + ".version",
            "unsupported pattern format version " + version + "; supported: " + FORMAT_VERSION);
      }
    }
  }

  /**
   * The graph at {@code path}, a group {@code depth} levels down (0: the pattern itself). A part
   * that does not read is recorded and left out: the graph returned then stands in only so that
   * reading can go on, and is never used.
   */
  private Graph readGraph(JsonNode json, String path, String name, int depth) {
    if (depth > RuleLimits.MAX_NESTING) {
      throw fields.error(path, RuleLimits.groupsTooDeep(depth)); // before recursing any deeper
    }
    if (!Fields.isMissing(json, "condition")) {
      // The reference never writes one and ignores it; refusing it beats silently dropping it.
      throw fields.error(
          path + ".condition",
          "a graph has no condition of its own; put the condition on its nodes");
    }
    JsonNode nodesJson = fields.requireArray(json, "nodes", path + ".nodes");
    if (nodesJson.isEmpty()) {
      throw fields.error(path + ".nodes", "a pattern needs at least one node");
    }
    List<Node> nodes = new ArrayList<>();
    for (int i = 0; i < nodesJson.size(); i++) {
      String nodePath = path + ".nodes[" + i + "]";
      JsonNode nodeJson = nodesJson.get(i);
      Node node = orRecord(() -> readNode(nodeJson, nodePath, depth), null);
      if (node != null) {
        nodes.add(node);
      }
    }
    List<Edge> edges = new ArrayList<>();
    JsonNode edgesJson =
        orRecord(() -> fields.optionalArray(json, "edges", path + ".edges"), null);
    if (edgesJson != null) {
      for (int i = 0; i < edgesJson.size(); i++) {
        String edgePath = path + ".edges[" + i + "]";
        JsonNode edgeJson = edgesJson.get(i);
        Edge edge = orRecord(() -> readEdge(edgeJson, edgePath), null);
        if (edge != null) {
          edges.add(edge);
        }
      }
    }
    Quantifier quantifier =
        orRecord(() -> readQuantifier(json, path + ".quantifier"), Quantifier.single());
    Optional<Window> window =
        orRecord(() -> readWindow(json, path + ".window"), Optional.empty());
    AfterMatch afterMatch =
        orRecord(() -> readAfterMatch(json, path + ".afterMatchStrategy"), AfterMatch.noSkip());
    // A top-level graph without a name takes its end node's name, as the reference writes it.
    String graphName = name != null ? name
        : nodes.isEmpty() ? "" : GraphChecks.endNodeName(nodes, edges);
    return new Graph(graphName, quantifier, nodes, edges, window, afterMatch);
  }

  /** A node of a graph {@code depth} levels down. */
  private Node readNode(JsonNode json, String path, int depth) {
    fields.requireObject(json, path);
    String name = fields.requireText(json, "name", path + ".name");
    NodeType type = fields.requireEnum(json, "type", path + ".type", NodeType.class);
    if (type == NodeType.COMPOSITE) {
      return readGraph(json, path, name, depth + 1);
    }
    return new AtomicNode(
        name,
        orRecord(() -> readQuantifier(json, path + ".quantifier"), Quantifier.single()),
        orRecord(() -> readCondition(json, "condition", path + ".condition"),
            new ConditionSpec.Always()));
  }

  private Edge readEdge(JsonNode json, String path) {
    fields.requireObject(json, path);
    return new Edge(
        fields.requireText(json, "source", path + ".source"),
        fields.requireText(json, "target", path + ".target"),
        fields.requireEnum(json, "type", path + ".type", EdgeType.class));
  }

  private Quantifier readQuantifier(JsonNode parent, String path) {
    JsonNode json = fields.optionalObject(parent, "quantifier", path);
    if (json == null) {
      return Quantifier.single();
    }
    Contiguity inner =
        Fields.isMissing(json, "consumingStrategy")
            ? Contiguity.SKIP_TILL_NEXT
            : orRecord(() -> fields.requireEnum(
                json, "consumingStrategy", path + ".consumingStrategy", Contiguity.class),
                Contiguity.SKIP_TILL_NEXT);
    // the times are read as the properties say: without the properties they are not read
    EnumSet<QuantifierProperty> properties =
        orRecord(() -> readProperties(json, path + ".properties"), null);
    Optional<Times> times = properties == null
        ? Optional.empty()
        : orRecord(() -> readTimes(json, path + ".times", properties), Optional.empty());
    Optional<ConditionSpec> until =
        Fields.isMissing(json, "untilCondition")
            ? Optional.empty()
            : orRecord(() -> Optional.of(
                readCondition(json, "untilCondition", path + ".untilCondition")),
                Optional.of(new ConditionSpec.Always()));
    if (properties == null) {
      return Quantifier.single(); // stands in: the problem is recorded
    }
    if (until.isPresent() && !properties.contains(QuantifierProperty.LOOPING)) {
      throw fields.error(
          path + ".untilCondition", "an until condition only applies to a LOOPING quantifier");
    }
    return new Quantifier(inner, properties, times, until);
  }

  private EnumSet<QuantifierProperty> readProperties(JsonNode quantifier, String path) {
    EnumSet<QuantifierProperty> properties = EnumSet.noneOf(QuantifierProperty.class);
    JsonNode json = fields.optionalArray(quantifier, "properties", path);
    if (json != null) {
      for (int i = 0; i < json.size(); i++) {
        JsonNode item = json.get(i);
        String itemPath = path + "[" + i + "]";
        if (!item.isTextual()) {
          throw fields.error(itemPath, "expected a string but found " + Fields.describe(item));
        }
        properties.add(
            fields.enumValue(
                item.textValue(), itemPath, QuantifierProperty.class, "quantifier property"));
      }
    }
    EnumSet<QuantifierProperty> kinds =
        EnumSet.of(QuantifierProperty.SINGLE, QuantifierProperty.LOOPING, QuantifierProperty.TIMES);
    kinds.retainAll(properties);
    if (kinds.size() > 1) {
      throw fields.error(
          path,
          "properties "
              + kinds
              + " contradict each other; use exactly one of SINGLE, LOOPING, TIMES");
    }
    if (kinds.isEmpty()) {
      properties.add(QuantifierProperty.SINGLE);
    }
    if (properties.contains(QuantifierProperty.GREEDY)
        && properties.contains(QuantifierProperty.SINGLE)) {
      throw fields.error(path, "GREEDY only applies to LOOPING or TIMES quantifiers");
    }
    return properties;
  }

  private Optional<Times> readTimes(
      JsonNode quantifier, String path, EnumSet<QuantifierProperty> properties) {
    JsonNode json = fields.optionalObject(quantifier, "times", path);
    if (json == null) {
      if (properties.contains(QuantifierProperty.TIMES)) {
        throw fields.error(path, "a TIMES quantifier needs 'times' with 'from' and 'to'");
      }
      return Optional.empty();
    }
    int from = fields.requireInt(json, "from", path + ".from");
    if (from < 1) {
      throw fields.error(path + ".from", "'from' must be at least 1 but is " + from);
    }
    // The reference writes to == from for LOOPING (timesOrMore); tolerate it being left out there.
    int to =
        Fields.isMissing(json, "to") && !properties.contains(QuantifierProperty.TIMES)
            ? from
            : fields.requireInt(json, "to", path + ".to");
    if (to < from) {
      throw fields.error(
          path + ".to", "'to' (" + to + ") must not be less than 'from' (" + from + ")");
    }
    Optional<Duration> windowTime =
        Fields.isMissing(json, "windowTime")
            ? Optional.empty()
            : Optional.of(readDuration(json.get("windowTime"), path + ".windowTime"));
    return Optional.of(new Times(from, to, windowTime));
  }

  private Optional<Window> readWindow(JsonNode graph, String path) {
    JsonNode json = fields.optionalObject(graph, "window", path);
    if (json == null) {
      return Optional.empty();
    }
    WindowType type =
        Fields.isMissing(json, "type")
            ? WindowType.FIRST_AND_LAST
            : fields.requireEnum(json, "type", path + ".type", WindowType.class);
    if (Fields.isMissing(json, "time")) {
      throw fields.error(path + ".time", "missing required key 'time' ({unit, size})");
    }
    return Optional.of(new Window(type, readDuration(json.get("time"), path + ".time")));
  }

  /** A Flink {@code Time}: {@code {unit: <java.util.concurrent.TimeUnit>, size: n}}, n > 0. */
  private Duration readDuration(JsonNode json, String path) {
    fields.requireObject(json, path);
    TimeUnit unit = fields.requireEnum(json, "unit", path + ".unit", TimeUnit.class);
    long size = fields.requireLong(json, "size", path + ".size");
    if (size <= 0) {
      throw fields.error(path + ".size", "a time size must be positive but is " + size);
    }
    try {
      Duration time = Duration.of(size, unit.toChronoUnit());
      time.toMillis(); // the engine counts in milliseconds: a time they cannot hold is refused
      return time;
    } catch (ArithmeticException e) {
      throw fields.error(path + ".size", "time " + size + " " + unit + " is too large");
    }
  }

  private AfterMatch readAfterMatch(JsonNode graph, String path) {
    JsonNode json = fields.optionalObject(graph, "afterMatchStrategy", path);
    if (json == null) {
      return AfterMatch.noSkip();
    }
    AfterMatchType type =
        Fields.isMissing(json, "type")
            ? AfterMatchType.NO_SKIP
            : fields.requireEnum(json, "type", path + ".type", AfterMatchType.class);
    Optional<String> patternName =
        Optional.ofNullable(fields.optionalText(json, "patternName", path + ".patternName"));
    boolean needsName = type == AfterMatchType.SKIP_TO_FIRST || type == AfterMatchType.SKIP_TO_LAST;
    if (needsName && patternName.isEmpty()) {
      throw fields.error(path + ".patternName", type + " needs the 'patternName' to skip to");
    }
    return new AfterMatch(type, patternName);
  }

  /** The condition at {@code key}; absent or null means "every event" (no where clause). */
  ConditionSpec readCondition(JsonNode parent, String key, String path) {
    if (Fields.isMissing(parent, key)) {
      return new ConditionSpec.Always();
    }
    return readConditionObject(parent.get(key), path, 1);
  }

  /** The condition at {@code path}, nested {@code depth} levels down (1: a node's own). */
  private ConditionSpec readConditionObject(JsonNode json, String path, int depth) {
    if (depth > RuleLimits.MAX_NESTING) {
      throw fields.error(path, RuleLimits.conditionsTooDeep(depth)); // before recursing any deeper
    }
    fields.requireObject(json, path);
    ConditionType type = fields.requireEnum(json, "type", path + ".type", ConditionType.class);
    if (type == ConditionType.AVIATOR) {
      return new ConditionSpec.Expression(
          fields.requireText(json, "expression", path + ".expression"));
    }
    String className = fields.requireText(json, "className", path + ".className");
    switch (className) {
      case RICH_AND:
        return new ConditionSpec.And(readNested(json, path, 1, Integer.MAX_VALUE, depth));
      case RICH_OR:
        return new ConditionSpec.Or(readNested(json, path, 1, Integer.MAX_VALUE, depth));
      case RICH_NOT:
        return new ConditionSpec.Not(readNested(json, path, 1, 1, depth).get(0));
      default:
        return new ConditionSpec.Named(className, readArgs(json, path + ".args"));
    }
  }

  private List<ConditionSpec> readNested(
      JsonNode json, String path, int min, int max, int depth) {
    String nestedPath = path + ".nestedConditions";
    JsonNode nested = fields.requireArray(json, "nestedConditions", nestedPath);
    if (nested.size() < min || nested.size() > max) {
      String expected = min == max ? "exactly " + min : "at least " + min;
      throw fields.error(
          nestedPath, "needs " + expected + " nested condition(s) but has " + nested.size());
    }
    List<ConditionSpec> conditions = new ArrayList<>();
    for (int i = 0; i < nested.size(); i++) {
      JsonNode condition = nested.get(i);
      String conditionPath = nestedPath + "[" + i + "]";
      conditions.add(orRecord(() -> readConditionObject(condition, conditionPath, depth + 1),
          new ConditionSpec.Always()));
    }
    return conditions;
  }

  /** Arguments of a registered condition: JSON scalars (null allowed), read as Java values. */
  private List<Object> readArgs(JsonNode condition, String path) {
    JsonNode json = fields.optionalArray(condition, "args", path);
    List<Object> args = new ArrayList<>();
    if (json == null) {
      return args;
    }
    for (int i = 0; i < json.size(); i++) {
      JsonNode arg = json.get(i);
      if (arg.isNull()) {
        args.add(null);
      } else if (arg.isTextual()) {
        args.add(arg.textValue());
      } else if (arg.isBoolean()) {
        args.add(arg.booleanValue());
      } else if (arg.isIntegralNumber() && arg.canConvertToLong()) {
        args.add(arg.longValue());
      } else if (arg.isNumber()) {
        args.add(arg.isBigDecimal() || arg.isBigInteger() ? arg.decimalValue() : arg.doubleValue());
      } else {
        throw fields.error(
            path + "[" + i + "]",
            "an argument must be a string, number, boolean or null, not " + Fields.describe(arg));
      }
    }
    return args;
  }
}
