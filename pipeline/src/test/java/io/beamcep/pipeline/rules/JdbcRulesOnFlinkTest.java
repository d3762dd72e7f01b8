package io.beamcep.pipeline.rules;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.both;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;

import io.beamcep.pipeline.testing.Collected;
import io.beamcep.pipeline.testing.Databases;
import io.beamcep.pipeline.testing.Databases.RuleTableFixture;
import io.beamcep.pipeline.testing.Scenarios;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.beam.runners.flink.FlinkPipelineOptions;
import org.apache.beam.runners.flink.FlinkRunner;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.Test;

/**
 * The rules side input on the FlinkRunner as a job without checkpoints runs it (the embedded
 * cluster, detached, parallelism 2): the side input follows the table, the table is read once per
 * interval though each worker's clock ticks, the poller idles between polls, and the job goes away
 * when cancelled. With {@code PeriodicImpulse} as the poll clock, the poller's task spun a whole
 * core from the start and ignored the cancel.
 */
class JdbcRulesOnFlinkTest {
  private static final String RULE = Scenarios.patternText(1);
  private static final String FN = Scenarios.function(1);
  /** The operators of this transform: every Flink task thread carries its chain's name. */
  private static final String TASK_NAME = "JdbcRules/";
  /** Rows checked by the poller's validator: the embedded cluster runs in this JVM. */
  private static final AtomicLong CHECKED_ROWS = new AtomicLong();

  @Test
  void theSideInputFollowsTheTableThePollerIdlesAndTheJobCancels() throws Exception {
    RuleTableFixture table = Databases.MARIADB.newRuleTable("flink_rules");
    table.insert("a", 1, RULE, FN);
    FlinkPipelineOptions options = PipelineOptionsFactory.create().as(FlinkPipelineOptions.class);
    options.setRunner(FlinkRunner.class);
    options.setFlinkMaster("[local]");
    options.setStreaming(true);
    options.setParallelism(2);
    options.setAttachedMode(false);
    Pipeline pipeline = Pipeline.create(options);
    RulesResult rules =
        pipeline.apply(
            JdbcRules.from(table.source())
                .withPollInterval(org.joda.time.Duration.millis(1000))
                .withValidator(row -> {
                  CHECKED_ROWS.incrementAndGet();
                  RuleValidator.engine().check(row);
                }));
    Collected<RuleSet> seen =
        SideInputProbe.readEvery(org.joda.time.Duration.millis(100), pipeline, rules.view());
    PipelineResult job = pipeline.run();
    try {
      awaitSeen(seen, List.of(new RuleRow("a", 1, RULE, FN)));
      table.insert("b", 1, RULE, FN);
      awaitSeen(seen, List.of(new RuleRow("a", 1, RULE, FN), new RuleRow("b", 1, RULE, FN)));

      // Five table reads (two rows checked each) at a 1 s interval: about 5 s, whatever the
      // parallelism. Polling once a second is a few milliseconds of work per second; a poller
      // that never sleeps spends the whole time on the CPU.
      long cpuBefore = cpuNanosOfTasks();
      long wallBefore = System.nanoTime();
      long checkedAfterFivePolls = CHECKED_ROWS.get() + 2 * 5;
      await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
          .until(() -> CHECKED_ROWS.get() >= checkedAfterFivePolls);
      long wallNanos = System.nanoTime() - wallBefore;
      double pollsPerSecond = 5 / (wallNanos / 1e9);
      System.out.printf("table reads per second at a 1 s interval, parallelism 2: %.2f%n",
          pollsPerSecond);
      assertThat("table reads per second", pollsPerSecond,
          both(greaterThanOrEqualTo(0.6)).and(lessThan(1.6)));
      double busyShare = (cpuNanosOfTasks() - cpuBefore) / (double) wallNanos;
      System.out.printf("rule poller's tasks while idle: %.3f of a core%n", busyShare);
      assertThat("share of one core spent by the rule poller's tasks while idle",
          busyShare, lessThan(0.25));
    } finally {
      job.cancel();
      table.drop();
    }
    // The detached embedded cluster shuts down with its only job, so its job status is not
    // reliably readable after the cancel; the task threads ending is what matters.
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
        .until(() -> taskThreads().isEmpty());
    assertThat(taskThreads(), is(empty()));
  }

  private static void awaitSeen(Collected<RuleSet> seen, List<RuleRow> rows) {
    await().atMost(Duration.ofSeconds(60))
        .until(() -> seen.last() != null && seen.last().rows().equals(rows));
  }

  private static List<Thread> taskThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(thread -> thread.isAlive() && thread.getName().contains(TASK_NAME))
        .toList();
  }

  private static long cpuNanosOfTasks() {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long total = 0;
    for (Thread thread : taskThreads()) {
      total += Math.max(0, threads.getThreadCpuTime(thread.getId()));
    }
    return total;
  }
}
