package io.beamcep.runners.bench.flinkcep;

import io.beamcep.patterns.event.Event;
import io.beamcep.runners.EmbeddedFlinkFiles;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.cep.CEP;
import org.apache.flink.cep.functions.PatternProcessFunction;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.RichSinkFunction;
import org.apache.flink.util.Collector;

/**
 * The same rule rows run by native Flink CEP 1.19 in an embedded local environment: the synthetic
 * stream keyed by user, one {@code CEP.pattern} operator per rule, event time, matches counted by
 * an accumulator in a sink chained to each CEP operator (never collected).
 */
public final class FlinkCepJob {
  /**
   * Prefix of the per-rule match accumulators (one per operator: names must not clash in a task).
   */
  static final String MATCHES = "matches-";

  private FlinkCepJob() {}

  /** Runs to the end of the stream and returns the number of complete matches. */
  public static long run(
      List<String> ruleRowsJson, long seed, int users, long events, int parallelism)
      throws Exception {
    try (EmbeddedFlinkFiles flinkFiles = EmbeddedFlinkFiles.create("")) {
      return run(ruleRowsJson, seed, users, events, parallelism, flinkFiles);
    }
  }

  private static long run(List<String> ruleRowsJson, long seed, int users, long events,
      int parallelism, EmbeddedFlinkFiles flinkFiles) throws Exception {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(
        parallelism, flinkFiles.configuration());
    env.getConfig().registerTypeWithKryoSerializer(Event.class, EventKryoSerializer.class);
    DataStream<Event> stream =
        env.addSource(new GeneratedEvents(seed, users, events), "synthetic click stream",
                TypeInformation.of(Event.class))
            .setParallelism(1);
    KeyedStream<Event, String> byUser = stream.keyBy(new ByUser());
    for (int i = 0; i < ruleRowsJson.size(); i++) {
      CEP.pattern(byUser, RulePatternTranslator.translate(ruleRowsJson.get(i)))
          .process(new EmitOne())
          .returns(Long.class)
          .setParallelism(parallelism)
          .addSink(new CountMatches(MATCHES + i))
          .setParallelism(parallelism);
    }
    JobExecutionResult result = env.execute("flink-cep bench");
    long matches = 0;
    for (Map.Entry<String, Object> entry : result.getAllAccumulatorResults().entrySet()) {
      if (entry.getKey().startsWith(MATCHES)) {
        matches += (Long) entry.getValue();
      }
    }
    return matches;
  }

  private static final class ByUser implements KeySelector<Event, String> {
    private static final long serialVersionUID = 1L;

    @Override
    public String getKey(Event event) {
      return event.getString("userId");
    }
  }

  /** One element per match; CEP's runtime context refuses accumulators, the sink counts. */
  private static final class EmitOne extends PatternProcessFunction<Event, Long> {
    private static final long serialVersionUID = 1L;

    @Override
    public void processMatch(Map<String, List<Event>> match, Context ctx, Collector<Long> out) {
      out.collect(1L);
    }
  }

  private static final class CountMatches extends RichSinkFunction<Long> {
    private static final long serialVersionUID = 1L;
    private final String accumulator;
    private transient LongCounter matches;

    CountMatches(String accumulator) {
      this.accumulator = accumulator;
    }

    @Override
    public void open(Configuration parameters) {
      matches = new LongCounter();
      getRuntimeContext().addAccumulator(accumulator, matches);
    }

    @Override
    public void invoke(Long one, Context context) {
      matches.add(one);
    }
  }
}
