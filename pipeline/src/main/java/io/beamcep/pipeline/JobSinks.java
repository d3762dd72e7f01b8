package io.beamcep.pipeline;

import io.beamcep.pipeline.alert.Alert;
import io.beamcep.pipeline.io.KafkaClientSettings;
import io.beamcep.pipeline.sink.JdbcAlerts;
import io.beamcep.pipeline.sink.JsonLinesAlerts;
import io.beamcep.pipeline.sink.KafkaAlerts;
import io.beamcep.pipeline.sink.KafkaDeadLetters;
import io.beamcep.pipeline.sink.StdoutAlerts;
import io.beamcep.pipeline.sink.WebhookAlerts;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.beam.sdk.values.PCollection;
import org.joda.time.Duration;

/**
 * The alert sinks a job's options name (--sinks and each sink's options): which, how each is
 * built, checked at launch and described.
 */
final class JobSinks {
  private JobSinks() {}

  private static final Set<String> SINKS =
      Set.of("stdout", "jsonl", "kafka", "jdbc", "webhook");
  /** How long the launch waits for the webhook sink's endpoint to answer. */
  private static final java.time.Duration ENDPOINT_CHECK_TIMEOUT =
      java.time.Duration.ofSeconds(5);

  /**
   * The sinks of --sinks, each once, in their order; refuses an unknown one, none, and a sink's
   * option given without its sink.
   */
  static List<String> names(CepPipelineOptions options) {
    Set<String> names = new LinkedHashSet<>();
    for (String name : Arrays.asList(options.getSinks().split(","))) {
      String sink = name.strip().toLowerCase(Locale.ROOT);
      if (sink.isEmpty()) {
        continue;
      }
      if (!SINKS.contains(sink)) {
        throw new IllegalArgumentException(
            "unknown sink '"
                + name.strip()
                + "' in --sinks; use any of stdout, jsonl, kafka, jdbc, webhook");
      }
      names.add(sink);
    }
    if (names.isEmpty()) {
      throw new IllegalArgumentException("--sinks names no sink; alerts would go nowhere");
    }
    if (!options.getResultJdbcUrl().isBlank() && !names.contains("jdbc")) {
      throw new IllegalArgumentException("--resultJdbcUrl is for the jdbc sink, which --sinks="
          + options.getSinks() + " does not name");
    }
    if (!names.contains("webhook") && !(options.getWebhookUrl().isBlank()
        && options.getWebhookUrlFile().isBlank() && options.getWebhookHeadersFile().isBlank()
        && options.getWebhookDeadLetterTopic().isBlank())) {
      throw new IllegalArgumentException("--webhookUrl, --webhookUrlFile, --webhookHeadersFile "
          + "and --webhookDeadLetterTopic are for the webhook sink, which --sinks="
          + options.getSinks() + " does not name");
    }
    if (!options.getWebhookDeadLetterTopic().isBlank()
        && options.getWebhookOnRefusal() != WebhookAlerts.OnRefusal.DEAD_LETTER) {
      throw new IllegalArgumentException("--webhookDeadLetterTopic takes the alerts the endpoint "
          + "refuses with --webhookOnRefusal=DEAD_LETTER, but --webhookOnRefusal is "
          + options.getWebhookOnRefusal());
    }
    if (!options.getKafkaSinkGroupId().isBlank() && !names.contains("kafka")) {
      throw new IllegalArgumentException("--kafkaSinkGroupId is for the kafka sink, which --sinks="
          + options.getSinks() + " does not name");
    }
    return List.copyOf(names);
  }

  /** Writes {@code alerts} to each of {@code sinks}; {@code kafka}: the Kafka clients' settings. */
  static void write(PCollection<Alert> alerts, List<String> sinks, CepPipelineOptions options,
      KafkaClientSettings kafka) {
    for (String sink : sinks) {
      switch (sink) {
        case "stdout" -> alerts.apply("ToStdout", StdoutAlerts.create());
        case "jsonl" ->
            alerts.apply(
                "ToJsonLines",
                JsonLinesAlerts.to(options.getOutputFile())
                    .withWindowLength(Duration.standardSeconds(options.getOutputWindowSeconds())));
        case "kafka" -> alerts.apply("ToKafka", kafkaAlerts(options, kafka));
        case "jdbc" -> alerts.apply("ToJdbc", JobDatabases.jdbcAlerts(options));
        case "webhook" -> alerts.apply("ToWebhook", webhookAlerts(options, kafka));
        default -> throw new IllegalStateException(sink);
      }
    }
  }

  /**
   * Refuses a launch whose alerts could not be written: the jdbc sink's table, the webhook sink's
   * endpoint (the Kafka sink's topic is the topic check's).
   */
  static void requireWritable(CepPipelineOptions options) {
    List<String> sinks = names(options);
    if (sinks.contains("jdbc")) {
      JdbcAlerts sink = JobDatabases.jdbcAlerts(options);
      try {
        sink.checkWritable();
      } catch (SQLException e) {
        throw new IllegalStateException("cannot write alerts to " + sink.target() + ": "
            + e.getMessage() + "; a job started now would fail as its writers start "
            + "(--checkServicesAtLaunch=false starts it anyway, e.g. when only its workers can "
            + "reach the database)", e);
      }
    }
    if (sinks.contains("webhook")) {
      WebhookAlerts sink = webhookAlerts(options, KafkaClientSettings.none());
      try {
        sink.checkReachable(ENDPOINT_CHECK_TIMEOUT);
      } catch (IOException e) {
        throw new IllegalStateException("cannot reach the webhook sink's endpoint ("
            + sink.target() + "): " + e + "; a job started now would fail at its first alert "
            + "(--checkServicesAtLaunch=false starts it anyway, e.g. when only its workers can "
            + "reach the endpoint)", e);
      }
    }
  }

  /** The sinks as a launch's description names them, with where the jdbc and webhook ones go. */
  static String describe(CepPipelineOptions options) {
    List<String> sinks = new ArrayList<>(names(options));
    sinks.replaceAll(sink -> switch (sink) {
      case "jdbc" -> "jdbc (" + JobDatabases.jdbcAlerts(options).target() + ")";
      case "webhook" -> "webhook (" + webhookAlerts(options, KafkaClientSettings.none()).target()
          + (options.getWebhookOnRefusal() == WebhookAlerts.OnRefusal.DEAD_LETTER
              ? "; refused alerts to Kafka topic " + options.getWebhookDeadLetterTopic() : "")
          + ")";
      default -> sink;
    });
    return String.join(", ", sinks);
  }

  /** The webhook sink; {@code kafka}: the settings of the producer of its refused alerts. */
  private static WebhookAlerts webhookAlerts(CepPipelineOptions options,
      KafkaClientSettings kafka) {
    String url = options.getWebhookUrl();
    String urlFile = options.getWebhookUrlFile();
    if (!url.isBlank() && !urlFile.isBlank()) {
      throw new IllegalArgumentException(
          "--webhookUrl and --webhookUrlFile both give the endpoint: leave one out");
    }
    String headers = options.getWebhookHeadersFile();
    WebhookAlerts sink = urlFile.isBlank()
        ? WebhookAlerts.to(CepPipeline.required(url,
            "--webhookUrl or --webhookUrlFile (for the webhook sink)"))
        : WebhookAlerts.toUrlIn(Path.of(urlFile), "--webhookUrlFile");
    sink = sink
        .withHeaders(headers.isBlank() ? Map.of()
            : WebhookAlerts.headersFromFile(Path.of(headers), "--webhookHeadersFile"))
        .withMaxRetries(options.getWebhookMaxRetries())
        .withTimeout(java.time.Duration.ofMillis(options.getWebhookTimeoutMs()));
    if (options.getWebhookOnRefusal() != WebhookAlerts.OnRefusal.DEAD_LETTER) {
      return sink.onRefusal(options.getWebhookOnRefusal());
    }
    String topic = CepPipeline.required(options.getWebhookDeadLetterTopic(),
        "--webhookDeadLetterTopic (for --webhookOnRefusal=DEAD_LETTER)");
    return sink.refusalsTo(
        KafkaDeadLetters.to(options.getKafkaBrokers(), topic).withClientSettings(kafka));
  }

  private static KafkaAlerts kafkaAlerts(
      CepPipelineOptions options, KafkaClientSettings settings) {
    KafkaAlerts sink = KafkaAlerts.to(options.getKafkaBrokers(), options.getOutputTopic())
        .withClientSettings(settings);
    return options.getKafkaSinkGroupId().isBlank()
        ? sink
        : sink.exactlyOnce(options.getKafkaSinkGroupId(), options.getKafkaSinkShards());
  }
}
