package io.beamcep.patterns.bench;

import io.beamcep.patterns.compiler.CompiledRule;
import io.beamcep.patterns.event.Event;
import io.beamcep.patterns.synthetic.ClickStreamGenerator;
import io.beamcep.patterns.yardstick.FlinkPatternTranslator;
import io.beamcep.patterns.yardstick.InMemoryKeyedStateStore;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.api.java.typeutils.runtime.kryo.KryoSerializer;
import org.apache.flink.cep.nfa.NFA;
import org.apache.flink.cep.nfa.NFAState;
import org.apache.flink.cep.nfa.aftermatch.AfterMatchSkipStrategy;
import org.apache.flink.cep.nfa.compiler.NFACompiler;
import org.apache.flink.cep.nfa.sharedbuffer.SharedBuffer;
import org.apache.flink.cep.nfa.sharedbuffer.SharedBufferAccessor;
import org.apache.flink.cep.pattern.Pattern;
import org.apache.flink.cep.time.TimerService;

/**
 * The yardstick for {@link EngineWorkload}: Flink CEP 1.19's own NFA over the same events and the
 * same rules (translated by the parity tests' {@link FlinkPatternTranslator}, so both engines test
 * events with the same condition code), with no job around it. Per rule one NFA and one shared
 * buffer on a heap key-value store, as one CepOperator per rule holds; per key one NFA state per
 * rule. Time advances per key once per distinct timestamp, before that timestamp's events, as
 * CepOperator does when a key's timer fires; unlike CepOperator, a key with partial matches is not
 * also advanced at every watermark, and nothing is serialized, so this host does less than
 * Flink's. Timeouts therefore surface at the key's next event, not at its deadline: the match
 * count is comparable with ours, the timeout count is not.
 */
final class FlinkNfaWorkload {
  private static final TimerService EVENT_TIME_ONLY = () -> 0L;

  private final List<CompiledRule> rules;
  private final Event[] events;
  private final long[] timestamps;
  private final String[] keys;

  FlinkNfaWorkload(List<CompiledRule> rules, ClickStreamGenerator stream) {
    this.rules = rules;
    RecordedStream recorded = new RecordedStream(stream);
    events = recorded.events;
    timestamps = recorded.timestamps;
    keys = recorded.keys;
  }

  /** What one pass produced. */
  record Result(long events, long matches, long timeouts) {}

  /** One rule as a CepOperator holds it: its NFA, skip strategy, buffer and key store. */
  private static final class RuleRun {
    final NFA<Event> nfa;
    final AfterMatchSkipStrategy skip;
    final InMemoryKeyedStateStore store = new InMemoryKeyedStateStore();
    final SharedBuffer<Event> buffer;

    RuleRun(Pattern<Event, ?> pattern) {
      nfa = NFACompiler.compileFactory(pattern, true).createNFA();
      skip = pattern.getAfterMatchSkipStrategy() == null
          ? AfterMatchSkipStrategy.noSkip()
          : pattern.getAfterMatchSkipStrategy();
      buffer = new SharedBuffer<>(store, new KryoSerializer<>(Event.class, new ExecutionConfig()));
    }
  }

  /** A key's NFA state per rule and the last timestamp its time was advanced to. */
  private static final class KeySlot {
    final NFAState[] states;
    long advancedTo = Long.MIN_VALUE;

    KeySlot(RuleRun[] runs) {
      states = new NFAState[runs.length];
      for (int r = 0; r < runs.length; r++) {
        states[r] = runs[r].nfa.createInitialNFAState();
      }
    }
  }

  /** Feeds every event once, from empty state. */
  Result run() throws Exception {
    FlinkPatternTranslator translator = FlinkPatternTranslator.withDefaultConditions();
    RuleRun[] runs = new RuleRun[rules.size()];
    for (int r = 0; r < runs.length; r++) {
      runs[r] = new RuleRun(translator.translate(rules.get(r).rule().pattern()));
    }
    try {
      return run(runs);
    } finally {
      for (RuleRun run : runs) {
        run.buffer.releaseCacheStatisticsTimer();
      }
    }
  }

  private Result run(RuleRun[] runs) throws Exception {
    Map<String, KeySlot> slots = new HashMap<>();
    long matches = 0;
    long timeouts = 0;
    for (int i = 0; i < events.length; i++) {
      long now = timestamps[i];
      KeySlot slot = slots.computeIfAbsent(keys[i], key -> new KeySlot(runs));
      boolean advance = now != slot.advancedTo;
      slot.advancedTo = now;
      for (int r = 0; r < runs.length; r++) {
        RuleRun run = runs[r];
        run.store.setCurrentKey(keys[i]);
        if (advance) {
          try (SharedBufferAccessor<Event> accessor = run.buffer.getAccessor()) {
            Tuple2<Collection<Map<String, List<Event>>>,
                Collection<Tuple2<Map<String, List<Event>>, Long>>> expired =
                run.nfa.advanceTime(accessor, slot.states[r], now, run.skip);
            matches += expired.f0.size();
            timeouts += expired.f1.size();
          }
        }
        try (SharedBufferAccessor<Event> accessor = run.buffer.getAccessor()) {
          matches += run.nfa.process(
              accessor, slot.states[r], events[i], now, run.skip, EVENT_TIME_ONLY).size();
        }
      }
    }
    return new Result(events.length, matches, timeouts);
  }
}
