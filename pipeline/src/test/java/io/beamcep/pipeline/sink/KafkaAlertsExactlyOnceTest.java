package io.beamcep.pipeline.sink;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.beamcep.pipeline.alert.Alert;
import io.beamcep.pipeline.alert.AlertCoder;
import io.beamcep.pipeline.alert.AlertJson;
import io.beamcep.pipeline.event.EventParseConfig;
import io.beamcep.pipeline.event.ParseEvents;
import io.beamcep.pipeline.event.TimestampFormat;
import io.beamcep.pipeline.io.KafkaEvents;
import io.beamcep.pipeline.match.CepMatch;
import io.beamcep.pipeline.match.CepMatchConfig;
import io.beamcep.pipeline.match.TimeMode;
import io.beamcep.pipeline.rules.StaticRules;
import io.beamcep.pipeline.testing.KafkaBroker;
import io.beamcep.pipeline.testing.Scenarios;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.beam.runners.flink.FlinkPipelineOptions;
import org.apache.beam.runners.flink.FlinkRunner;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The kafka sink with {@code --kafkaSinkGroupId}: each alert once for a reader of committed
 * records, also when the job fails and is restored from its last checkpoint, which replays the
 * events after it and makes their alerts again. Against a real broker.
 */
class KafkaAlertsExactlyOnceTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Whether the job in {@link #aJobRestoredFromItsCheckpointWritesEachAlertOnce} failed yet. */
  private static final AtomicBoolean FAILED_ONCE = new AtomicBoolean();
  /** The alerts that job made, those made again after its restore included. */
  private static final AtomicInteger PASSED = new AtomicInteger();
  private static KafkaBroker kafka;

  @BeforeAll
  static void startKafka() {
    kafka = KafkaBroker.shared();
  }


  @Test
  void alertsAreCommittedInTransactionsByEachWriter() {
    List<Alert> alerts = List.of(SinkFixtures.alert("u1", 1), SinkFixtures.alert("u2", 5));
    kafka.createTopic("alerts-once", 2);

    Pipeline pipeline = Pipeline.create(PipelineOptionsFactory.create());
    pipeline
        .apply(Create.of(alerts).withCoder(AlertCoder.of()))
        .apply(KafkaAlerts.to(kafka.bootstrapServers(), "alerts-once")
            .exactlyOnce("cep-alerts-once", 2)); // a writer per partition
    pipeline.run().waitUntilFinish();

    List<String> committed = new ArrayList<>();
    for (ConsumerRecord<String, String> record : committedOnceMarked("alerts-once", 2)) {
      committed.add(record.key() + "=" + record.value());
    }
    assertThat(committed, containsInAnyOrder(
        "u1=" + AlertJson.toJson(alerts.get(0)), "u2=" + AlertJson.toJson(alerts.get(1))));
  }

  @Test
  void exactlyOnceNeedsAGroupAndAWriterCount() {
    KafkaAlerts sink = KafkaAlerts.to(kafka.bootstrapServers(), "alerts");
    IllegalArgumentException noWriter =
        assertThrows(IllegalArgumentException.class, () -> sink.exactlyOnce("cep", 0));
    assertThat(noWriter.getMessage(), containsString("--kafkaSinkShards is 0"));
    IllegalArgumentException noGroup =
        assertThrows(IllegalArgumentException.class, () -> sink.exactlyOnce(" ", 1));
    assertThat(noGroup.getMessage(), containsString("--kafkaSinkGroupId is empty"));
  }

  @Test
  void moreWritersThanTheTopicHasPartitionsAreRefusedWhileTheJobIsBuilt() {
    kafka.createTopic("alerts-two-partitions", 2);
    Pipeline pipeline = Pipeline.create(PipelineOptionsFactory.create());
    var alerts = pipeline.apply(Create.of(List.of(SinkFixtures.alert("u1", 1)))
        .withCoder(AlertCoder.of()));

    IllegalArgumentException tooMany = assertThrows(IllegalArgumentException.class,
        () -> alerts.apply(KafkaAlerts.to(kafka.bootstrapServers(), "alerts-two-partitions")
            .exactlyOnce("cep-three", 3)));
    IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
        () -> alerts.apply(KafkaAlerts.to(kafka.bootstrapServers(), "alerts-not-created")
            .exactlyOnce("cep-missing", 2)));

    assertThat(tooMany.getMessage(), containsString("--kafkaSinkShards=3 is more than the 2 "
        + "partition(s) of --outputTopic alerts-two-partitions"));
    assertThat(missing.getMessage(), containsString("needs --outputTopic alerts-not-created to "
        + "exist with at least 2 partitions; it does not exist"));
  }

  /**
   * A task cancelled midway through a transaction leaves the producer that Beam's writer caches in
   * the JVM inside it; the restored job's writer then takes it and must still begin one. The
   * records of the transaction left open are never committed (the restored job writes them again).
   */
  @Test
  void aProducerLeftInATransactionIsRenewedAndItsOpenTransactionAborted() {
    kafka.createTopic("alerts-renewed", 1);
    Map<String, Object> config = Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
        ProducerConfig.TRANSACTIONAL_ID_CONFIG, "renewed-0",
        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
        ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
        ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    try (KafkaProducer<String, String> plain = new KafkaProducer<>(config)) {
      plain.initTransactions();
      plain.beginTransaction();
      // why the renewal: a producer in a transaction cannot begin another
      assertThrows(IllegalStateException.class, plain::beginTransaction);
      plain.abortTransaction();
    }
    try (RenewingTransactionalProducer<String, String> producer =
        new RenewingTransactionalProducer<>(config)) {
      producer.initTransactions();
      producer.beginTransaction();
      producer.send(new ProducerRecord<>("alerts-renewed", "u1", "left open"));
      producer.flush();

      producer.beginTransaction();
      producer.send(new ProducerRecord<>("alerts-renewed", "u2", "written"));
      producer.commitTransaction();
    }

    assertThat(committedOnceMarked("alerts-renewed", 1).stream()
        .map(ConsumerRecord::value).toList(), contains("written"));
  }

  /**
   * The committed records of {@code topic} once at least {@code count} are readable. A commit
   * returns before the broker has written its marker into the topic, and until then a reader of
   * committed records stops before the transaction's records.
   */
  private static List<ConsumerRecord<String, String>> committedOnceMarked(String topic, int count) {
    AtomicReference<List<ConsumerRecord<String, String>>> read = new AtomicReference<>();
    await().atMost(Duration.ofSeconds(30)).until(() -> {
      read.set(kafka.consumeCommittedRecords(topic));
      return read.get().size() >= count;
    });
    return read.get();
  }

  /**
   * Rule / events / expected: scenario 1's rule (a view, then at once another view) over 40 views
   * of each of 6 users gives 39 alerts per user. The job fails at the first alert of a user whose
   * events come last, and Flink restores it from its last checkpoint; the alerts made after that
   * checkpoint are made again, and a reader of committed records still finds each alert once.
   *
   * <p>The alerts made before the failure reach the writer only once a checkpoint after them
   * completes: with a checkpoint every 5 s the failure, milliseconds later, almost never finds the
   * writer committing. When it does, the restarted writer may write that transaction again (see
   * the README); the job's restart in this JVM reuses Beam's cached writer, which does not know
   * whether its commit went through.
   */
  @Test
  void aJobRestoredFromItsCheckpointWritesEachAlertOnce() throws Exception {
    String input = "clicks-restored";
    String output = "alerts-restored";
    kafka.createTopic(input, 1);
    kafka.createTopic(output, 1);
    FAILED_ONCE.set(false);
    PASSED.set(0);
    Pipeline pipeline = Pipeline.create(restartingFlink());
    EventParseConfig parsing =
        EventParseConfig.defaults().withTimestampFormat(TimestampFormat.PROCESSING_TIME);
    pipeline
        .apply(KafkaEvents.read(kafka.bootstrapServers(), List.of(input)))
        .apply(ParseEvents.sourced(parsing))
        .events()
        .apply(CepMatch.with(
            pipeline.apply(StaticRules.fromFile(Scenarios.rulesFile(1))),
            CepMatchConfig.defaults().withTimeMode(TimeMode.PROCESSING_TIME)))
        .alerts()
        .apply(ParDo.of(new FailOnceAtUser("last")))
        .setCoder(AlertCoder.of())
        .apply(KafkaAlerts.to(kafka.bootstrapServers(), output).exactlyOnce("cep-restored", 1));
    PipelineResult job = pipeline.run();
    try {
      kafka.produce(input, views(List.of("u1", "u2"), 40, 0));
      // written once a checkpoint covers them, so the restore below starts after them
      await().atMost(Duration.ofSeconds(90)).until(
          () -> kafka.consumeCommittedRecords(output).size() == 2 * 39);
      kafka.produce(input, views(List.of("u3", "u4", "u5", "last"), 40, 1000));
      await().atMost(Duration.ofSeconds(120)).until(() -> committed(output).size() == 6 * 39);
    } finally {
      job.cancel();
    }

    assertThat("the job failed and was restored", FAILED_ONCE.get(), is(true));
    assertThat("alerts written twice",
        committed(output).entrySet().stream().filter(e -> e.getValue() > 1).toList(), empty());
    assertThat("alerts made again after the restore", PASSED.get(), greaterThan(6 * 39));
  }

  /** How often a reader of committed records finds each alert ({@link #summary}). */
  private static Map<String, Integer> committed(String topic) {
    Map<String, Integer> written = new HashMap<>();
    for (ConsumerRecord<String, String> record : kafka.consumeCommittedRecords(topic)) {
      written.merge(summary(record.value()), 1, Integer::sum);
    }
    return written;
  }

  /** Streaming on an embedded Flink with checkpoints, restarting a failed job from the last. */
  private static FlinkPipelineOptions restartingFlink() {
    FlinkPipelineOptions flink = PipelineOptionsFactory.create().as(FlinkPipelineOptions.class);
    flink.setRunner(FlinkRunner.class);
    flink.setFlinkMaster("[local]");
    flink.setStreaming(true);
    flink.setParallelism(1);
    flink.setAttachedMode(false); // run() returns a handle to cancel the never-ending job
    flink.setMaxBundleTimeMills(100L);
    flink.setCheckpointingInterval(5000L);
    flink.setNumberOfExecutionRetries(2);
    flink.setExecutionRetryDelay(200L);
    return flink;
  }

  /** {@code count} views of one product per user, users interleaved, ids from {@code firstId}. */
  private static List<String> views(List<String> users, int count, int firstId) {
    List<String> events = new ArrayList<>();
    int id = firstId;
    for (String user : users) {
      for (int i = 0; i < count; i++) {
        events.add(String.format(
            "{\"id\": %d, \"eventTime\": \"2020-01-01 00:01:00.0\", \"eventType\": \"view\","
                + " \"productId\": \"1\", \"price\": 1.0, \"userId\": \"%s\"}", id++, user));
      }
    }
    return events;
  }

  /** An alert as its rule version, key and event ids: what a duplicate would repeat. */
  private static String summary(String alertJson) {
    try {
      JsonNode alert = JSON.readTree(alertJson);
      StringBuilder text = new StringBuilder()
          .append(alert.get("ruleId").asText()).append(" v").append(alert.get("ruleVersion"))
          .append(' ').append(alert.get("key").asText());
      alert.get("events").fields().forEachRemaining(named -> {
        text.append(' ').append(named.getKey()).append('=');
        named.getValue().forEach(event -> text.append(event.get("id").asText()).append(','));
      });
      return text.toString();
    } catch (IOException e) {
      throw new UncheckedIOException(alertJson, e);
    }
  }

  /** Fails the job the first time an alert of {@code user} passes, as a crashed worker would. */
  private static final class FailOnceAtUser extends DoFn<Alert, Alert> {
    private final String user;

    FailOnceAtUser(String user) {
      this.user = user;
    }

    @ProcessElement
    public void process(@Element Alert alert, OutputReceiver<Alert> out) {
      if (alert.key().equals(user) && FAILED_ONCE.compareAndSet(false, true)) {
        throw new IllegalStateException("the test's failure before " + alert.key() + "'s alert");
      }
      PASSED.incrementAndGet();
      out.output(alert);
    }
  }
}
