package io.beamcep.patterns.bench;

import io.beamcep.patterns.synthetic.ClickStreamGenerator;
import io.beamcep.patterns.synthetic.TimedEvent;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Generation speed of the synthetic click stream (events/s), so that a pipeline benchmark fed by
 * the generator knows it is not measuring the generator. Run with {@code patterns/bench.sh
 * GeneratorBenchmark}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@State(Scope.Benchmark)
public class GeneratorBenchmark {
  private static final int EVENTS = 1_000_000;

  private ClickStreamGenerator generator;

  @Setup
  public void configure() {
    generator = ClickStreamGenerator.builder().seed(42).users(50_000).events(EVENTS).build();
  }

  @Benchmark
  @OperationsPerInvocation(EVENTS)
  public void generate(Blackhole sink) {
    for (TimedEvent event : generator) {
      sink.consume(event);
    }
  }
}
