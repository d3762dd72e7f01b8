package io.beamcep.pipeline.io;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --kafkaProperties: which Kafka client takes which setting, and the settings refused. */
class KafkaClientSettingsTest {
  @TempDir Path dir;

  /**
   * File: security settings for every client, a setting of producers alone, and prefixed ones.
   * Expected: each client takes what it knows: a key without prefix goes to every kind of client
   * that knows it, a prefixed key to that kind alone; an admin client of the launch checks has
   * the job's brokers and time bound beside them.
   */
  @Test
  void aKeyGoesToEveryClientThatKnowsItAndAPrefixedKeyToItsKindAlone() throws IOException {
    KafkaClientSettings settings = KafkaClientSettings.fromFile(file("""
        security.protocol=SASL_SSL
        sasl.mechanism=PLAIN
        acks=all
        consumer.isolation.level=read_committed
        producer.compression.type=zstd
        admin.client.id=cep-launch-checks
        """));

    assertThat(settings.consumer(), equalTo(Map.of("security.protocol", "SASL_SSL",
        "sasl.mechanism", "PLAIN", "isolation.level", "read_committed")));
    assertThat(settings.producer(), equalTo(Map.of("security.protocol", "SASL_SSL",
        "sasl.mechanism", "PLAIN", "acks", "all", "compression.type", "zstd")));
    assertThat(settings.admin("broker:9092", Duration.ofSeconds(15)), equalTo(Map.of(
        "security.protocol", "SASL_SSL", "sasl.mechanism", "PLAIN", "client.id",
        "cep-launch-checks", "bootstrap.servers", "broker:9092", "default.api.timeout.ms", 15000,
        "request.timeout.ms", 15000)));
  }

  /**
   * File: a misspelt key, a producer's setting given to consumers, a key of no client, and keys
   * the job sets itself. Expected: one refusal naming the file and each key with its line: the
   * misspelt one with its nearest setting, the producer's with where it goes, the job's own with
   * the option that sets them. Kafka's clients would ignore the first
   * two with a warning in a worker's log.
   */
  @Test
  void keysNoClientKnowsAndKeysTheJobSetsAreRefusedEachByName() throws IOException {
    Path file = file("""
        securty.protocol=SASL_SSL
        consumer.acks=all
        bootstrap.servers=elsewhere:9092
        producer.value.serializer=com.example.Mine
        flavour=sour
        """);

    IllegalStateException refused =
        assertThrows(IllegalStateException.class, () -> KafkaClientSettings.fromFile(file));
    assertThat(refused.getMessage(), equalTo("--kafkaProperties " + file + ": "
        + "line 1: securty.protocol is not a setting of a Kafka consumer, producer or admin "
        + "client (did you mean security.protocol?); "
        + "line 2: consumer.acks is not a setting of a Kafka consumer client but of a producer "
        + "(prefix it producer. or leave the prefix out); "
        + "line 3: bootstrap.servers is set by the job (use --kafkaBrokers); "
        + "line 4: producer.value.serializer is set by the job (use nothing: the job writes text "
        + "and bytes); "
        + "line 5: flavour is not a setting of a Kafka consumer, producer or admin client"));
  }

  /**
   * A key's line is where an entry starts with it: not in a comment, nor in a value continued
   * onto the next line, and the last of several, as the value read is the last one's.
   */
  @Test
  void aKeysLineIsTheLastEntryThatSetsIt() {
    List<String> lines = List.of(
        "# bootstrap.servers=commented out",
        "sasl.jaas.config=org.example.Login required \\",
        "  bootstrap.servers=inside the value above",
        "",
        "  bootstrap.servers = set here",
        "bootstrap.serversx=another key");
    assertThat(KafkaClientSettings.lineOf(lines, "bootstrap.servers"), equalTo(5));
    assertThat(KafkaClientSettings.lineOf(lines, "sasl.jaas.config"), equalTo(2));
    assertThat(KafkaClientSettings.lineOf(lines, "acks"), equalTo(0));
  }

  /** Keys written with escapes, which the file's lines do not hold as read: each named. */
  @Test
  void keysWrittenWithEscapesAreEachNamedWithoutALine() throws IOException {
    Path file = file("bootstrap\\.servers=elsewhere:9092\ngroup\\.id=mine\n");
    IllegalStateException refused =
        assertThrows(IllegalStateException.class, () -> KafkaClientSettings.fromFile(file));
    assertThat(refused.getMessage(), equalTo("--kafkaProperties " + file + ": "
        + "bootstrap.servers is set by the job (use --kafkaBrokers); group.id is set by the job "
        + "(use --inputTopicGroup for the events, --kafkaSinkGroupId for exactly-once alerts)"));
  }

  @Test
  void aFileThatCannotBeReadIsNamed() {
    Path missing = dir.resolve("kafka.properties");
    IllegalStateException refused =
        assertThrows(IllegalStateException.class, () -> KafkaClientSettings.fromFile(missing));
    assertThat(refused.getMessage(), startsWith("--kafkaProperties " + missing
        + " cannot be read: "));
  }

  /** What the settings say of themselves (a launch's log, a dry run) names no value. */
  @Test
  void theTextOfTheSettingsNamesTheirKeysButNoValue() throws IOException {
    Path file = file("sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule "
        + "required username=\"alice\" password=\"alice-secret\";\nsasl.mechanism=PLAIN\n");
    String text = KafkaClientSettings.fromFile(file).toString();
    assertThat(text, equalTo(file + " [sasl.jaas.config, sasl.mechanism]"));
    assertThat(text, not(containsString("secret")));
    assertThat(KafkaClientSettings.none().toString(), equalTo("no Kafka client settings"));
  }

  private Path file(String text) throws IOException {
    return Files.writeString(dir.resolve("kafka.properties"), text);
  }
}
