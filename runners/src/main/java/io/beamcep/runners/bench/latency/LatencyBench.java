package io.beamcep.runners.bench.latency;

import io.beamcep.patterns.json.RuleJson;
import io.beamcep.patterns.model.Edge;
import io.beamcep.patterns.model.EdgeType;
import io.beamcep.patterns.model.Rule;
import io.beamcep.patterns.synthetic.ClickStreamGenerator;
import io.beamcep.runners.EmbeddedFlinkFiles;
import io.beamcep.runners.UserError;
import io.beamcep.runners.bench.BenchRules;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.beam.sdk.PipelineResult;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * One latency run: fresh input and alert topics, the {@code cep run} job on an embedded Flink,
 * the paced producer and the alert consumer. Phases: priming (until the first alert: the job is
 * up and reading), warm-up (not measured), measured period, drain (alerts of the last measured
 * events still arrive), then the job is cancelled.
 */
public final class LatencyBench {
  private LatencyBench() {}

  public static LatencyReport run(LatencySettings settings, PrintWriter progress)
      throws IOException, InterruptedException {
    return run(settings, progress, null);
  }

  /** As {@link #run(LatencySettings, PrintWriter)}; also writes every alert to {@code timeline}. */
  public static LatencyReport run(LatencySettings settings, PrintWriter progress, Path timeline)
      throws IOException, InterruptedException {
    String runId = UUID.randomUUID().toString().substring(0, 8);
    String inputTopic = "cep-latency-events-" + runId;
    String outputTopic = "cep-latency-alerts-" + runId;
    createTopics(settings, inputTopic, outputTopic);
    Path rulesFile = Files.createTempFile("cep-latency-rules-", ".json");
    Files.writeString(rulesFile, BenchRules.asJsonArray(BenchRules.rows(settings.rules())),
        StandardCharsets.UTF_8);
    EmbeddedFlinkFiles flinkFiles = LatencyJob.flinkFiles(settings.bufferTimeoutMs());
    List<String> args = LatencyJob.args(
        settings, inputTopic, outputTopic, rulesFile, flinkFiles.configDirectory());

    SendTimes sendTimes = new SendTimes(settings.capacity());
    Set<String> decidedByNextEvent = decidedByNextEvent(BenchRules.rows(settings.rules()));
    AlertLatencies alerts = new AlertLatencies(settings.bootstrapServers(), outputTopic, sendTimes,
        decidedByNextEvent);
    if (!decidedByNextEvent.isEmpty()) {
      progress.printf(
          Locale.ROOT,
          "latency: rules %s end with NOT_NEXT, so their matches are decided"
              + " by the key's next event: measured from that event%n",
          new TreeSet<>(decidedByNextEvent));
    }
    ClickStreamGenerator generator = ClickStreamGenerator.builder().seed(settings.seed())
        .users(settings.users()).events(settings.capacity()).build();
    PacedProducer producer = new PacedProducer(settings.bootstrapServers(), inputTopic, generator,
        settings.rate(), settings.lingerMs(), sendTimes);
    Thread consumerThread = new Thread(alerts, "latency-alert-consumer");
    Thread producerThread = new Thread(producer, "latency-producer");
    PipelineResult job = LatencyJob.start(args);
    try {
      consumerThread.start();
      producerThread.start();
      awaitFirstAlert(alerts, producer);
      progress.printf(Locale.ROOT, "latency: job up (first alert after %,d events); warm-up %d s%n",
          producer.sent(), settings.warmupSeconds());
      progress.flush();
      sleep(settings.warmupSeconds(), producer, alerts);
      long from = System.nanoTime();
      long sentBefore = producer.sent();
      sleep(settings.durationSeconds(), producer, alerts);
      long to = System.nanoTime();
      long sentMeasured = producer.sent() - sentBefore;
      // The producer keeps the load on while the last measured alerts drain.
      sleep(settings.drainSeconds(), producer, alerts);
      producer.stop();
      alerts.stop();
      producerThread.join(TimeUnit.SECONDS.toMillis(30));
      consumerThread.join(TimeUnit.SECONDS.toMillis(30));
      failIfFailed(producer, alerts);
      if (timeline != null) {
        alerts.writeTimeline(timeline, from);
      }
      return new LatencyReport(
          LatencyStats.of(alerts.latenciesMicros(from, to)),
          LatencyStats.of(alerts.consumedLatenciesMicros(from, to)),
          sentMeasured,
          sentMeasured / ((to - from) / 1e9),
          alerts.matchAlerts(),
          alerts.timeoutAlerts(),
          alerts.unknownAlerts(),
          ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    } finally {
      producer.stop();
      alerts.stop();
      cancel(job);
      Files.deleteIfExists(rulesFile);
      try {
        flinkFiles.close();
      } catch (IOException e) {
        // the embedded cluster still runs, and may just be changing its files
        progress.printf(Locale.ROOT, "latency: could not remove %s: %s%n",
            flinkFiles.configDirectory(), e);
      }
    }
  }

  /**
   * Ids of the rules whose final step is entered through a NOT_NEXT edge: Flink CEP completes
   * their matches at the key's next event, which the alert does not list (see AlertLatencies).
   */
  static Set<String> decidedByNextEvent(List<String> rows) {
    Set<String> ids = new HashSet<>();
    for (Rule rule : RuleJson.parseRuleRows(BenchRules.asJsonArray(rows))) {
      Set<String> sources = new HashSet<>();
      rule.pattern().edges().forEach(edge -> sources.add(edge.source()));
      for (Edge edge : rule.pattern().edges()) {
        if (edge.type() == EdgeType.NOT_NEXT && !sources.contains(edge.target())) {
          ids.add(rule.id());
        }
      }
    }
    return ids;
  }

  private static void awaitFirstAlert(AlertLatencies alerts, PacedProducer producer)
      throws InterruptedException {
    long deadline =
        System.nanoTime() + TimeUnit.SECONDS.toNanos(LatencySettings.PRIMING_LIMIT_SECONDS);
    while (!alerts.firstAlert().await(200, TimeUnit.MILLISECONDS)) {
      failIfFailed(producer, alerts);
      if (System.nanoTime() > deadline) {
        throw new UserError(
            "no alert on the alert topic within "
                + LatencySettings.PRIMING_LIMIT_SECONDS
                + " s after "
                + producer.sent()
                + " events: the job is not reading or not writing "
                + "(is the broker at --bootstrapServers reachable?)");
      }
    }
  }

  private static void sleep(int seconds, PacedProducer producer, AlertLatencies alerts)
      throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < end) {
      failIfFailed(producer, alerts);
      Thread.sleep(
          Math.min(200, Math.max(1, TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime()))));
    }
  }

  private static void failIfFailed(PacedProducer producer, AlertLatencies alerts) {
    if (producer.failure() != null) {
      throw new UserError("the bench producer failed: " + producer.failure().getMessage(),
          producer.failure());
    }
    if (alerts.failure() != null) {
      throw new UserError("the alert consumer failed: " + alerts.failure().getMessage(),
          alerts.failure());
    }
  }

  private static void createTopics(LatencySettings settings, String... topics) {
    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
    props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "15000");
    props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
    try (Admin admin = Admin.create(props)) {
      admin.createTopics(java.util.Arrays.stream(topics)
              .map(t -> new NewTopic(t, settings.partitions(), (short) 1)).toList())
          .all().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new UserError("cannot create the bench topics on --bootstrapServers "
          + settings.bootstrapServers() + ": " + e.getMessage(), e);
    }
  }

  private static void cancel(PipelineResult job) {
    try {
      job.cancel();
    } catch (IOException | RuntimeException e) {
      // The run's figures are already taken; a job that will not cancel dies with the JVM.
    }
  }
}
