package io.beamcep.pipeline.match;

import io.beamcep.patterns.event.Event;
import io.beamcep.pipeline.alert.Alert;
import io.beamcep.pipeline.alert.AlertFunctions;
import io.beamcep.pipeline.event.EventCoder;
import io.beamcep.pipeline.rules.RuleRow;
import io.beamcep.pipeline.rules.RuleSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestStream;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.joda.time.Instant;

/** Small rules and events for matcher specifications; times are seconds from 0. */
final class MatchFixtures {
  static final KvCoder<String, Event> EVENTS = KvCoder.of(StringUtf8Coder.of(), EventCoder.of());

  private MatchFixtures() {}

  /** Event {@code id} of {@code type} for {@code user}. */
  static KV<String, Event> event(String user, String id, String type) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("id", id);
    fields.put("eventType", type);
    fields.put("userId", user);
    return KV.of(user, Event.of(fields));
  }

  static Instant at(long seconds) {
    return new Instant(seconds * 1000);
  }

  /**
   * A two-step rule {@code first -edge-> second}, each step matching events whose eventType is its
   * name, within {@code windowSeconds} from first to last event.
   */
  static RuleRow twoSteps(
      String id, int version, String first, String edge, String second, long windowSeconds,
      String function) {
    String pattern =
        "{\"name\":\"" + second + "\",\"type\":\"COMPOSITE\",\"version\":1,"
            + "\"nodes\":[" + node(second) + "," + node(first) + "],"
            + "\"edges\":[{\"source\":\"" + first + "\",\"target\":\"" + second
            + "\",\"type\":\"" + edge + "\"}],"
            + "\"window\":{\"type\":\"FIRST_AND_LAST\",\"time\":{\"unit\":\"SECONDS\",\"size\":"
            + windowSeconds + "}},"
            + "\"afterMatchStrategy\":{\"type\":\"NO_SKIP\",\"patternName\":null}}";
    return new RuleRow(id, version, pattern, function);
  }

  /** {@code a} followed by {@code b} within 10 s; timeouts reported (JsonWithTimeouts). */
  static RuleRow aThenB() {
    return twoSteps("ab", 1, "a", "SKIP_TILL_NEXT", "b", 10, AlertFunctions.JSON_WITH_TIMEOUTS);
  }

  private static String node(String name) {
    return "{\"name\":\"" + name + "\",\"type\":\"ATOMIC\","
        + "\"quantifier\":{\"consumingStrategy\":\"SKIP_TILL_NEXT\",\"properties\":[\"SINGLE\"],"
        + "\"times\":null,\"untilCondition\":null},"
        + "\"condition\":{\"type\":\"AVIATOR\",\"expression\":\"eventType == '" + name + "'\"}}";
  }

  /** {@code events} matched against {@code rules}, given as the rules' side input. */
  static CepMatchResult match(TestPipeline pipeline, TestStream<KV<String, Event>> events,
      RuleSet rules, CepMatchConfig config) {
    PCollectionView<RuleSet> view =
        pipeline.apply("Rules", Create.of(rules)).apply(View.asSingleton());
    return pipeline.apply("Events", events).apply(CepMatch.with(view, config));
  }

  static RuleSet rules(long generation, RuleRow... rows) {
    return new RuleSet(generation, List.of(rows));
  }

  /**
   * An alert as text: {@code ruleId/v kind key [pattern:ids ...] @detectedAtSeconds}, so
   * expectations read like the specification.
   */
  static String describe(Alert alert) {
    String events =
        alert.events().entrySet().stream()
            .map(e -> e.getKey() + ":" + e.getValue().stream()
                .map(ev -> String.valueOf(ev.get("id"))).collect(Collectors.joining(",")))
            .collect(Collectors.joining(" "));
    return alert.ruleId() + "/" + alert.ruleVersion() + " " + alert.kind() + " " + alert.key()
        + " [" + events + "] @" + alert.detectedAt() / 1000;
  }

  static PCollection<String> described(PCollection<Alert> alerts) {
    return alerts.apply(
        "Describe" + System.identityHashCode(alerts),
        MapElements.into(TypeDescriptors.strings()).via(MatchFixtures::describe));
  }

  static PCollection<String> ids(PCollection<KV<String, Event>> events) {
    return events.apply(
        "Ids" + System.identityHashCode(events),
        MapElements.into(TypeDescriptors.strings())
            .via((KV<String, Event> e) -> e.getKey() + ":" + e.getValue().get("id")));
  }

  /** The attempted values of the matcher counters named {@code name}: none if never added to. */
  static List<Long> counters(org.apache.beam.sdk.PipelineResult run, String name) {
    List<Long> values = new java.util.ArrayList<>();
    for (org.apache.beam.sdk.metrics.MetricResult<Long> counter
        : run.metrics().queryMetrics(org.apache.beam.sdk.metrics.MetricsFilter.builder()
            .addNameFilter(org.apache.beam.sdk.metrics.MetricNameFilter.named(
                CepMatch.METRICS_NAMESPACE, name)).build()).getCounters()) {
      values.add(counter.getAttempted());
    }
    return values;
  }

  /** The largest value the matcher's partial_matches_per_key distribution saw in a run. */
  static long largestPartialMatchCount(org.apache.beam.sdk.PipelineResult run) {
    long largest = Long.MIN_VALUE;
    for (org.apache.beam.sdk.metrics.MetricResult<org.apache.beam.sdk.metrics.DistributionResult>
        distribution : run.metrics().queryMetrics(org.apache.beam.sdk.metrics.MetricsFilter
            .builder().addNameFilter(org.apache.beam.sdk.metrics.MetricNameFilter.named(
                CepMatch.METRICS_NAMESPACE, "partial_matches_per_key")).build())
            .getDistributions()) {
      largest = Math.max(largest, distribution.getAttempted().getMax());
    }
    return largest;
  }

  /** The attempted value of a matcher counter after a run. */
  static long counter(org.apache.beam.sdk.PipelineResult run, String name) {
    long total = 0;
    for (org.apache.beam.sdk.metrics.MetricResult<Long> counter :
        run.metrics().queryMetrics(org.apache.beam.sdk.metrics.MetricsFilter.builder()
            .addNameFilter(org.apache.beam.sdk.metrics.MetricNameFilter.named(
                CepMatch.METRICS_NAMESPACE, name)).build()).getCounters()) {
      total += counter.getAttempted();
    }
    return total;
  }
}
