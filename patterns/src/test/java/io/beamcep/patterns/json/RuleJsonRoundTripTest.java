package io.beamcep.patterns.json;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.beamcep.patterns.model.AfterMatch;
import io.beamcep.patterns.model.AfterMatchType;
import io.beamcep.patterns.model.AtomicNode;
import io.beamcep.patterns.model.ConditionSpec;
import io.beamcep.patterns.model.Contiguity;
import io.beamcep.patterns.model.Edge;
import io.beamcep.patterns.model.EdgeType;
import io.beamcep.patterns.model.Graph;
import io.beamcep.patterns.model.Quantifier;
import io.beamcep.patterns.model.QuantifierProperty;
import io.beamcep.patterns.model.Rule;
import io.beamcep.patterns.model.Times;
import io.beamcep.patterns.model.Window;
import io.beamcep.patterns.model.WindowType;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What the writer produces, the parser reads back equal: every feature of the format at once. */
class RuleJsonRoundTripTest {

  @Test
  void aGraphUsingEveryFeatureRoundTrips() {
    Quantifier loopingGreedy =
        new Quantifier(
            Contiguity.STRICT,
            EnumSet.of(
                QuantifierProperty.LOOPING, QuantifierProperty.OPTIONAL, QuantifierProperty.GREEDY),
            Optional.of(new Times(2, 2, Optional.of(Duration.ofMillis(1500)))),
            Optional.of(new ConditionSpec.Expression("eventType == 'purchase'")));
    AtomicNode views =
        new AtomicNode(
            "views",
            loopingGreedy,
            new ConditionSpec.And(
                List.of(
                    new ConditionSpec.Named("io.beamcep.conditions.EventTypeIs", List.of("view")),
                    new ConditionSpec.Or(
                        List.of(
                            new ConditionSpec.Expression("price > 1"),
                            new ConditionSpec.Expression("price < 0"),
                            new ConditionSpec.Not(new ConditionSpec.Expression("brand == nil")))),
                    new ConditionSpec.Named(
                        "com.example.Args",
                        Arrays.asList(
                            "text", 3L, 2.5, true, null,
                            new BigDecimal("12345678901234567890"))))));
    Graph group =
        new Graph(
            "group",
            new Quantifier(
                Contiguity.SKIP_TILL_ANY,
                EnumSet.of(QuantifierProperty.TIMES),
                Optional.of(new Times(1, 3, Optional.empty())),
                Optional.empty()),
            List.of(new AtomicNode("g2", Quantifier.single(), new ConditionSpec.Always()),
                new AtomicNode("g1", Quantifier.single(), new ConditionSpec.Expression("true"))),
            List.of(new Edge("g1", "g2", EdgeType.SKIP_TILL_ANY)),
            Optional.empty(),
            AfterMatch.noSkip());
    AtomicNode end =
        new AtomicNode("end", Quantifier.single(), new ConditionSpec.Named("x.End", List.of()));
    Graph pattern =
        new Graph(
            "end",
            Quantifier.single(),
            List.of(end, group, views),
            List.of(
                new Edge("views", "group", EdgeType.SKIP_TILL_NEXT),
                new Edge("group", "end", EdgeType.NOT_FOLLOW)),
            Optional.of(new Window(WindowType.PREVIOUS_AND_CURRENT, Duration.ofHours(36))),
            new AfterMatch(AfterMatchType.SKIP_TO_LAST, Optional.of("views")));
    Rule rule = new Rule("all", 9, pattern, "alerts");

    assertEquals(rule, RuleJson.parseRule("all", 9, RuleJson.toJson(pattern), "alerts"));
    assertEquals(rule, RuleJson.parseRule("all", 9, RuleJson.toPrettyJson(pattern), "alerts"));
    assertEquals(List.of(rule), RuleJson.parseRuleRows("[" + RuleJson.toRowJson(rule) + "]"));
  }

  @Test
  void durationsAreWrittenInTheCoarsestExactUnit() {
    Graph pattern =
        new Graph(
            "a",
            Quantifier.single(),
            List.of(new AtomicNode("a", Quantifier.single(), new ConditionSpec.Always())),
            List.of(),
            Optional.of(new Window(WindowType.FIRST_AND_LAST, Duration.ofMinutes(90))),
            AfterMatch.noSkip());
    String json = RuleJson.toJson(pattern);
    assertEquals(true, json.contains("\"time\":{\"unit\":\"MINUTES\",\"size\":90}"), json);
  }
}
