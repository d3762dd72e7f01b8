package io.beamcep.pipeline;

import io.beamcep.patterns.event.Event;
import io.beamcep.pipeline.CepPipelineOptions.SourceKind;
import io.beamcep.pipeline.alert.Alert;
import io.beamcep.pipeline.event.DeadLetter;
import io.beamcep.pipeline.event.EventParseConfig;
import io.beamcep.pipeline.event.ParseEvents;
import io.beamcep.pipeline.event.ParseResult;
import io.beamcep.pipeline.event.TimestampFormat;
import io.beamcep.pipeline.io.JsonLinesEvents;
import io.beamcep.pipeline.io.KafkaClientSettings;
import io.beamcep.pipeline.io.KafkaTopicCheck;
import io.beamcep.pipeline.match.CepMatch;
import io.beamcep.pipeline.match.CepMatchConfig;
import io.beamcep.pipeline.match.CepMatchResult;
import io.beamcep.pipeline.match.LateEventsAsDeadLetters;
import io.beamcep.pipeline.match.TimeMode;
import io.beamcep.pipeline.match.TimeoutEmission;
import io.beamcep.pipeline.rules.JdbcRules;
import io.beamcep.pipeline.rules.RuleError;
import io.beamcep.pipeline.rules.RuleTable;
import io.beamcep.pipeline.rules.RulesResult;
import io.beamcep.pipeline.rules.StaticRules;
import io.beamcep.pipeline.sink.KafkaDeadLetters;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.joda.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The CEP job: events from Kafka or a file, parsed and keyed, matched against the rules of a
 * database table (re-read while the job runs) or a rules file, alerts to the chosen sinks. Records
 * that cannot be used are never dropped silently: dead letters, refused rules and late events are
 * logged with their reason and returned for callers that want to route them elsewhere.
 */
public final class CepPipeline {
  private static final Logger LOG = LoggerFactory.getLogger(CepPipeline.class);
  /** How long the launch waits for the brokers to list their topics. */
  private static final java.time.Duration TOPIC_CHECK_TIMEOUT = java.time.Duration.ofSeconds(15);

  /** Everything the job produces, before and besides the sinks. */
  public record Result(
      PCollection<Alert> alerts,
      PCollection<Alert> timeouts,
      PCollection<DeadLetter> deadLetters,
      PCollection<RuleError> ruleErrors,
      PCollection<KV<String, Event>> lateEvents) {}

  private CepPipeline() {}

  /**
   * Builds and starts the job; streaming is switched on for the Kafka source. The services the job
   * reads and writes (Kafka topics, the jdbc sink's table) are checked after it is built, so that
   * the rules' launch checks speak first, and before it is submitted.
   */
  public static PipelineResult run(CepPipelineOptions options) {
    return run(options, false);
  }

  /**
   * {@link #run}, where {@code fromSavepoint} says the runner restores the job from a savepoint:
   * its readers then resume from the offsets the savepoint holds, and a partition found later
   * from the group's committed offset, which the launch leaves as it is, as a restored Flink
   * KafkaSource does (setting where the group starts, --startReadTime or the latest offsets, is
   * for a first start).
   */
  public static PipelineResult run(CepPipelineOptions options, boolean fromSavepoint) {
    Pipeline pipeline = prepare(options);
    if (fromSavepoint) {
      LOG.info("restored from a savepoint: the consumer group's committed offsets are left as "
          + "they are");
    } else {
      JobKafkaSource.startGroup(options, kafkaSettings(options), TOPIC_CHECK_TIMEOUT);
    }
    return pipeline.run();
  }

  /**
   * Whether a Kafka job with --partitionDiscoveryMs and --startOffset=latest reads a partition it
   * finds while it runs from its earliest offset, as Flink's KafkaSource does: with a consumer
   * group, and a launch allowed to reach the brokers to set where the group starts.
   */
  public static boolean readsFoundPartitionsWhole(CepPipelineOptions options) {
    return JobKafkaSource.foundPartitionsReadWhole(options);
  }

  /**
   * The job {@link #run} would start, built and checked as a launch checks it (options, rules,
   * the services it reads and writes), but not started: what {@link #run} would refuse, this
   * refuses with the same exception.
   */
  public static Pipeline prepare(CepPipelineOptions options) {
    if (options.getSource() == SourceKind.kafka) {
      options.setStreaming(true);
    }
    Pipeline pipeline = Pipeline.create(options);
    build(pipeline, options);
    if (options.getCheckServicesAtLaunch()) {
      topicCheck(options).require(TOPIC_CHECK_TIMEOUT);
      JobSinks.requireWritable(options);
    }
    return pipeline;
  }

  /**
   * What the job reads and writes, a line each: its rules' source with the rules it would run
   * from there now and those refused, its events' source and its sinks. For a launch that checks
   * the job without starting it, so it reads the rules again, except from a polled table that
   * {@code --checkRulesAtLaunch=false} says is out of this machine's reach.
   */
  public static List<String> describe(CepPipelineOptions options) {
    return describe(options, false);
  }

  /**
   * {@link #describe}, where {@code fromSavepoint} says the runner would restore the job from a
   * savepoint, as for {@link #run(CepPipelineOptions, boolean)}: a Kafka source then resumes from
   * the savepoint's offsets, and the launch leaves the group's as they are.
   */
  public static List<String> describe(CepPipelineOptions options, boolean fromSavepoint) {
    String events = options.getSource() == SourceKind.kafka
        ? JobKafkaSource.describe(options, fromSavepoint)
        : "file " + options.getInputFile();
    List<String> lines = new ArrayList<>(List.of("rules: " + describeRules(options),
        "events: " + events, "alerts: " + JobSinks.describe(options)));
    if (!options.getKafkaProperties().isBlank()) {
      lines.add("Kafka clients: the settings of " + kafkaSettings(options));
    }
    return lines;
  }

  private static String describeRules(CepPipelineOptions options) {
    RulesFrom from = rulesFrom(options);
    if (from == RulesFrom.FILE) {
      return "rules file " + options.getRulesFile() + ": "
          + StaticRules.fromFile(Path.of(options.getRulesFile())).summary();
    }
    RuleTable table = JobDatabases.ruleTable(options);
    boolean readOnce = from == RulesFrom.TABLE_READ_ONCE;
    String source = "rule table " + table
        + (readOnce ? " (read once)" : " (polled every " + options.getJdbcIntervalMs() + " ms)");
    if (!readOnce && !options.getCheckRulesAtLaunch()) {
      return source + ": not read here (--checkRulesAtLaunch=false)";
    }
    try {
      return source + (readOnce ? ": " : ", now: ") + StaticRules.of(table.readAll()).summary();
    } catch (SQLException e) {
      throw new IllegalStateException(
          "cannot read rule table " + table + ": " + RuleTable.whyUnreadable(e), e);
    }
  }

  /** Where a job's rules come from. */
  private enum RulesFrom {
    FILE,
    /** A bounded replay must end: its table is read once instead of polled forever. */
    TABLE_READ_ONCE,
    TABLE_POLLED
  }

  /** The one place that decides where the job's rules come from: a rules file wins. */
  private static RulesFrom rulesFrom(CepPipelineOptions options) {
    if (!options.getRulesFile().isBlank()) {
      return RulesFrom.FILE;
    }
    if (options.getJdbcUrl().isBlank()) {
      throw new IllegalArgumentException("no rules: set --jdbcUrl (rule table) or --rulesFile");
    }
    return options.getSource() == SourceKind.file ? RulesFrom.TABLE_READ_ONCE
        : RulesFrom.TABLE_POLLED;
  }

  /** The Kafka topics the job reads and writes, by the options that name them. */
  private static KafkaTopicCheck topicCheck(CepPipelineOptions options) {
    KafkaTopicCheck check =
        KafkaTopicCheck.on(options.getKafkaBrokers()).withClientSettings(kafkaSettings(options));
    if (options.getSource() == SourceKind.kafka) {
      Optional<Pattern> pattern = JobKafkaSource.inputTopicPattern(options);
      if (pattern.isPresent()) {
        check.readsMatching("--inputTopicPattern", pattern.get());
      } else {
        check.reads("--inputTopic", JobKafkaSource.inputTopics(options));
      }
    }
    if (JobSinks.names(options).contains("kafka")) {
      check.writes("--outputTopic", options.getOutputTopic());
    }
    if (!options.getDeadLetterTopic().isBlank()) {
      check.writes("--deadLetterTopic", options.getDeadLetterTopic());
    }
    if (refusedAlertsToKafka(options)) {
      check.writes("--webhookDeadLetterTopic", options.getWebhookDeadLetterTopic());
    }
    return check;
  }

  /** Whether the webhook sink writes the alerts its endpoint refuses to a Kafka topic. */
  private static boolean refusedAlertsToKafka(CepPipelineOptions options) {
    return !options.getWebhookDeadLetterTopic().isBlank()
        && JobSinks.names(options).contains("webhook");
  }

  public static Result build(Pipeline pipeline, CepPipelineOptions options) {
    List<String> sinks = JobSinks.names(options);
    // refused when the job is built, not only when it starts
    JobKafkaSource.check(options);
    EventParseConfig parsing = parsing(options);
    // read once, and only by a job with a Kafka client
    KafkaClientSettings kafka = options.getSource() == SourceKind.kafka || sinks.contains("kafka")
        || !options.getDeadLetterTopic().isBlank() || refusedAlertsToKafka(options)
        ? kafkaSettings(options)
        : KafkaClientSettings.none();
    PCollection<KV<String, byte[]>> raw =
        pipeline.apply("Source", source(options, parsing, kafka));
    ParseResult parsed = raw.apply("Parse", ParseEvents.sourced(parsing));
    RulesResult rules = pipeline.apply("Rules", rules(options));
    CepMatchConfig matching =
        CepMatchConfig.defaults()
            .withTimeMode(
                options.getUsingEventTime() ? TimeMode.EVENT_TIME : TimeMode.PROCESSING_TIME)
            .withTimeouts(options.getTimeouts() ? TimeoutEmission.ALL : TimeoutEmission.PER_RULE)
            .withTieBreakField(
                options.getTieBreakField().isBlank() ? null : options.getTieBreakField().trim())
            .withMaxPartialMatchesPerRule(options.getMaxPartialMatchesPerRule());
    CepMatchResult matched = parsed.events().apply("Match", CepMatch.with(rules, matching));

    PCollection<Alert> all =
        PCollectionList.of(matched.alerts())
            .and(matched.timeouts())
            .apply("AlertsAndTimeouts", Flatten.pCollections());
    JobSinks.write(all, sinks, options, kafka);
    logEach(parsed.deadLetters(), "LogDeadLetters", "dead letter");
    if (!options.getDeadLetterTopic().isBlank()) {
      PCollection<DeadLetter> late =
          matched.lateEvents().apply("LateAsDeadLetters", LateEventsAsDeadLetters.create());
      PCollectionList.of(parsed.deadLetters()).and(late)
          .apply("AllDeadLetters", Flatten.pCollections())
          .apply("DeadLettersToKafka",
              KafkaDeadLetters.to(options.getKafkaBrokers(), options.getDeadLetterTopic())
                  .withClientSettings(kafka));
    }
    logEach(rules.errors(), "LogRuleErrors", "rule refused");
    logEach(
        matched.lateEvents(), "LogLateEvents", "late event (behind the watermark, not matched)");
    return new Result(
        matched.alerts(),
        matched.timeouts(),
        parsed.deadLetters(),
        rules.errors(),
        matched.lateEvents());
  }

  static EventParseConfig parsing(CepPipelineOptions options) {
    String[] keys =
        Arrays.stream(options.getKeyFields().split(","))
            .map(String::strip)
            .filter(k -> !k.isEmpty())
            .toArray(String[]::new);
    if (keys.length == 0) {
      throw new IllegalArgumentException("--keyFields names no field");
    }
    TimestampFormat format;
    if (!options.getUsingEventTime()) {
      format = TimestampFormat.PROCESSING_TIME;
    } else {
      try {
        format = TimestampFormat.valueOf(options.getTimeFormat().strip().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "unknown --timeFormat '" + options.getTimeFormat() + "'; use SQL_DATETIME, ISO_8601,"
                + " EPOCH_MILLIS, EPOCH_SECONDS or KAFKA_TIMESTAMP", e);
      }
      if (format == TimestampFormat.PROCESSING_TIME) {
        throw new IllegalArgumentException(
            "--timeFormat PROCESSING_TIME: use --usingEventTime=false");
      }
      if (format == TimestampFormat.KAFKA_TIMESTAMP && options.getSource() != SourceKind.kafka) {
        throw new IllegalArgumentException("--timeFormat KAFKA_TIMESTAMP takes each Kafka "
            + "record's timestamp: it needs --source=kafka (a file's events have their time in "
            + "--timeField)");
      }
    }
    return EventParseConfig.defaults()
        .withKeyFields(keys)
        .withTimestampField(options.getTimeField())
        .withTimestampFormat(format);
  }

  private static org.apache.beam.sdk.transforms.PTransform<
          org.apache.beam.sdk.values.PBegin, PCollection<KV<String, byte[]>>>
      source(CepPipelineOptions options, EventParseConfig parsing, KafkaClientSettings settings) {
    if (options.getSource() == SourceKind.file) {
      return JsonLinesEvents.read(
          required(options.getInputFile(), "--inputFile (for --source=file)"));
    }
    return JobKafkaSource.read(options, parsing, settings);
  }

  /** The settings of --kafkaProperties, for every Kafka client of the job. */
  private static KafkaClientSettings kafkaSettings(CepPipelineOptions options) {
    return options.getKafkaProperties().isBlank()
        ? KafkaClientSettings.none()
        : KafkaClientSettings.fromFile(Path.of(options.getKafkaProperties()));
  }

  /**
   * Reads {@code table} once, so that a job whose rule table cannot be read (a typo in its URL,
   * name or password) is refused when it is launched instead of polling with no rules. The rows
   * are not kept: the job's own poll reads them again.
   */
  private static void readAtLaunch(RuleTable table) {
    try {
      table.readAll();
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read rule table " + table + ": "
          + RuleTable.whyUnreadable(e)
          + "; a job started now would match nothing until it can (--checkRulesAtLaunch=false "
          + "starts it anyway, e.g. when only the workers can reach the database)", e);
    }
  }

  /**
   * Refuses a job whose rules are read once for its whole run (a rules file, a bounded replay's
   * table) when one of them is refused: no poll could bring it back, and a job started with a
   * rule silently missing matches nothing for it until it is launched again.
   */
  private static StaticRules allAccepted(
      StaticRules rules, String source, CepPipelineOptions options) {
    if (options.getCheckRulesAtLaunch() && !rules.errors().isEmpty()) {
      // the way out first: a user's command line cuts a long message
      throw new IllegalStateException(source + " holds rules that are refused, which this job "
          + "would never run (--checkRulesAtLaunch=false starts it with the others): "
          + String.join("; ", rules.errors().stream().map(RuleError::toString).toList()));
    }
    return rules;
  }

  private static org.apache.beam.sdk.transforms.PTransform<
          org.apache.beam.sdk.values.PBegin, RulesResult>
      rules(CepPipelineOptions options) {
    RulesFrom from = rulesFrom(options);
    boolean jdbcSink = JobSinks.names(options).contains("jdbc");
    if (from == RulesFrom.FILE && !options.getJdbcUrl().isBlank()
        && !(jdbcSink && options.getResultJdbcUrl().isBlank())) {
      // a rules file beside a rule table was left unread, and the job ran the table's rules
      throw new IllegalArgumentException("--rulesFile and --jdbcUrl both give the job's rules: "
          + "leave one out (beside --rulesFile, --jdbcUrl is the jdbc sink's database, and "
          + (jdbcSink ? "the jdbc sink writes to --resultJdbcUrl)"
              : "--sinks=" + options.getSinks() + " names no jdbc sink)"));
    }
    if (from == RulesFrom.FILE) {
      return allAccepted(StaticRules.fromFile(Path.of(options.getRulesFile())),
          "rules file " + options.getRulesFile(), options);
    }
    RuleTable table = JobDatabases.ruleTable(options);
    if (from == RulesFrom.TABLE_READ_ONCE) {
      try {
        return allAccepted(StaticRules.of(table.readAll()), "rule table " + table, options);
      } catch (SQLException e) {
        throw new IllegalStateException(
            "cannot read rule table " + table + ": " + RuleTable.whyUnreadable(e), e);
      }
    }
    if (options.getJdbcIntervalMs() <= 0) {
      throw new IllegalArgumentException("--jdbcIntervalMs must be positive");
    }
    if (options.getCheckRulesAtLaunch()) {
      readAtLaunch(table);
    }
    return JdbcRules.from(table).withPollInterval(Duration.millis(options.getJdbcIntervalMs()));
  }

  static String required(String value, String name) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + " is required");
    }
    return value;
  }

  private static <T> void logEach(PCollection<T> collection, String stepName, String what) {
    collection.apply(stepName, ParDo.of(new LogFn<T>(what)));
  }

  private static final class LogFn<T> extends DoFn<T, Void> {
    private final String what;

    LogFn(String what) {
      this.what = what;
    }

    @ProcessElement
    public void log(@Element T element) {
      LOG.warn("{}: {}", what, element);
    }
  }
}
