package io.beamcep.patterns.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.beamcep.patterns.model.AtomicNode;
import io.beamcep.patterns.model.ConditionSpec;
import io.beamcep.patterns.model.Edge;
import io.beamcep.patterns.model.Graph;
import io.beamcep.patterns.model.Node;
import io.beamcep.patterns.model.Quantifier;
import io.beamcep.patterns.model.QuantifierProperty;
import io.beamcep.patterns.model.Times;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Writes a graph in the reference's JSON format, with every key the reference writes (nulls
 * included), so rows pushed by our CLI look like rows written by the reference's tools.
 */
final class GraphWriter {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  /** Largest unit first, so a duration is written in the coarsest unit that is exact. */
  private static final TimeUnit[] UNITS = {
    TimeUnit.DAYS, TimeUnit.HOURS, TimeUnit.MINUTES, TimeUnit.SECONDS,
    TimeUnit.MILLISECONDS, TimeUnit.MICROSECONDS, TimeUnit.NANOSECONDS
  };

  private GraphWriter() {}

  static ObjectNode graph(Graph graph) {
    ObjectNode json = JSON.objectNode();
    json.put("name", graph.name());
    json.set("quantifier", quantifier(graph.quantifier()));
    json.putNull("condition");
    ArrayNode nodes = json.putArray("nodes");
    for (Node node : graph.nodes()) {
      nodes.add(node(node));
    }
    ArrayNode edges = json.putArray("edges");
    for (Edge edge : graph.edges()) {
      ObjectNode edgeJson = edges.addObject();
      edgeJson.put("source", edge.source());
      edgeJson.put("target", edge.target());
      edgeJson.put("type", edge.type().name());
    }
    if (graph.window().isPresent()) {
      ObjectNode window = json.putObject("window");
      window.put("type", graph.window().get().type().name());
      window.set("time", time(graph.window().get().size()));
    } else {
      json.putNull("window");
    }
    ObjectNode afterMatch = json.putObject("afterMatchStrategy");
    afterMatch.put("type", graph.afterMatch().type().name());
    afterMatch.put("patternName", graph.afterMatch().patternName().orElse(null));
    json.put("type", GraphReader.NodeType.COMPOSITE.name());
    json.put("version", GraphReader.FORMAT_VERSION);
    return json;
  }

  private static ObjectNode node(Node node) {
    if (node instanceof Graph nested) {
      return graph(nested);
    }
    AtomicNode atomic = (AtomicNode) node;
    ObjectNode json = JSON.objectNode();
    json.put("name", atomic.name());
    json.set("quantifier", quantifier(atomic.quantifier()));
    json.set("condition", condition(atomic.condition()));
    json.put("type", GraphReader.NodeType.ATOMIC.name());
    return json;
  }

  private static ObjectNode quantifier(Quantifier quantifier) {
    ObjectNode json = JSON.objectNode();
    json.put("consumingStrategy", quantifier.innerContiguity().name());
    ArrayNode properties = json.putArray("properties");
    for (QuantifierProperty property : QuantifierProperty.values()) {
      if (quantifier.has(property)) {
        properties.add(property.name());
      }
    }
    if (quantifier.times().isPresent()) {
      Times times = quantifier.times().get();
      ObjectNode timesJson = json.putObject("times");
      timesJson.put("from", times.from());
      timesJson.put("to", times.to());
      timesJson.set(
          "windowTime",
          times.windowTime().<JsonNode>map(GraphWriter::time).orElse(JSON.nullNode()));
    } else {
      json.putNull("times");
    }
    json.set(
        "untilCondition", quantifier.until().map(GraphWriter::condition).orElse(JSON.nullNode()));
    return json;
  }

  static JsonNode condition(ConditionSpec spec) {
    ObjectNode json = JSON.objectNode();
    if (spec instanceof ConditionSpec.Always) {
      return JSON.nullNode();
    } else if (spec instanceof ConditionSpec.Expression expression) {
      json.put("type", GraphReader.ConditionType.AVIATOR.name());
      json.put("expression", expression.expression());
    } else if (spec instanceof ConditionSpec.Named named) {
      json.put("className", named.className());
      json.put("type", GraphReader.ConditionType.CLASS.name());
      if (!named.args().isEmpty()) {
        ArrayNode args = json.putArray("args");
        for (Object arg : named.args()) {
          args.add(arg(arg));
        }
      }
    } else if (spec instanceof ConditionSpec.And and) {
      composite(json, GraphReader.RICH_AND, and.conditions());
    } else if (spec instanceof ConditionSpec.Or or) {
      composite(json, GraphReader.RICH_OR, or.conditions());
    } else if (spec instanceof ConditionSpec.Not not) {
      composite(json, GraphReader.RICH_NOT, List.of(not.condition()));
    }
    return json;
  }

  private static void composite(ObjectNode json, String className, List<ConditionSpec> nested) {
    ArrayNode array = json.putArray("nestedConditions");
    for (ConditionSpec condition : nested) {
      array.add(condition(condition));
    }
    json.put("className", className);
    json.put("type", GraphReader.ConditionType.CLASS.name());
  }

  private static JsonNode arg(Object arg) {
    if (arg == null) {
      return JSON.nullNode();
    } else if (arg instanceof String text) {
      return JSON.textNode(text);
    } else if (arg instanceof Boolean bool) {
      return JSON.booleanNode(bool);
    } else if (arg instanceof Long number) {
      return JSON.numberNode(number);
    } else if (arg instanceof Integer number) {
      return JSON.numberNode(number);
    } else if (arg instanceof Double number) {
      return JSON.numberNode(number);
    } else if (arg instanceof BigDecimal number) {
      return JSON.numberNode(number);
    } else if (arg instanceof Number number) {
      return JSON.numberNode(new BigDecimal(number.toString()));
    }
    return JSON.textNode(arg.toString());
  }

  private static ObjectNode time(Duration duration) {
    ObjectNode json = JSON.objectNode();
    long nanos;
    try {
      nanos = duration.toNanos();
    } catch (ArithmeticException e) {
      json.put("unit", TimeUnit.SECONDS.name());
      json.put("size", duration.getSeconds());
      return json;
    }
    for (TimeUnit unit : UNITS) {
      long unitNanos = unit.toNanos(1);
      if (nanos % unitNanos == 0) {
        json.put("unit", unit.name());
        json.put("size", nanos / unitNanos);
        return json;
      }
    }
    throw new IllegalStateException("unreachable: NANOSECONDS divides every duration");
  }
}
