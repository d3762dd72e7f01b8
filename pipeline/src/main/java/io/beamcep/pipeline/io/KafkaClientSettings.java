package io.beamcep.pipeline.io;

import java.io.IOException;
import java.io.Serializable;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * Settings of the user's for every Kafka client of a job (the events' consumer, the alerts' and
 * dead letters' producers, the launch check's admin client): what a secured cluster asks for,
 * such as {@code security.protocol}, {@code sasl.mechanism}, {@code sasl.jaas.config} or {@code
 * ssl.truststore.location}. A key applies to every client; with the prefix {@code consumer.},
 * {@code producer.} or {@code admin.} to that kind of client only, as Kafka Connect's workers
 * take them.
 *
 * <p>Read once, where the job is launched, and carried in the job: a password in the file is on
 * no command line, and the pipeline options, which Flink's web interface shows, hold only the
 * file's path. Paths in it (a trust store) are read by the clients, so on a cluster they name
 * files on every worker.
 *
 * <p>Refused, naming the file and the key: a key no Kafka client of that kind knows (a client
 * ignores it with a warning in a worker's log, and a job with {@code securty.protocol} fails to
 * connect with no word about why), and the keys the job sets itself, each with the option to use.
 */
public final class KafkaClientSettings implements Serializable {
  private static final long serialVersionUID = 1L;
  /** How many edits away a refused key's suggestion may be: a typo or two, not another word. */
  private static final int MAX_TYPOS = 3;

  /** Keys the job sets, each with what the user sets instead. */
  private static final Map<String, String> THE_JOBS_OWN = Map.of(
      "bootstrap.servers", "--kafkaBrokers",
      "group.id", "--inputTopicGroup for the events, --kafkaSinkGroupId for exactly-once alerts",
      "enable.auto.commit", "--inputTopicGroup: offsets are committed as checkpoints finalize",
      "auto.offset.reset", "--startOffset",
      "transactional.id", "--kafkaSinkGroupId: the exactly-once sink names its transactions",
      "key.deserializer", "nothing: the job reads records as bytes",
      "value.deserializer", "nothing: the job reads records as bytes",
      "key.serializer", "nothing: the job writes text and bytes",
      "value.serializer", "nothing: the job writes text and bytes");

  private enum Client {
    CONSUMER("consumer.", ConsumerConfig.configNames()),
    PRODUCER("producer.", ProducerConfig.configNames()),
    ADMIN("admin.", AdminClientConfig.configNames());

    final String prefix;
    final Set<String> known;

    Client(String prefix, Set<String> known) {
      this.prefix = prefix;
      this.known = known;
    }

    String word() {
      return prefix.substring(0, prefix.length() - 1);
    }
  }

  private final String file;
  /** Per client, the settings it takes; values as read (text). */
  private final TreeMap<String, String> consumer;
  private final TreeMap<String, String> producer;
  private final TreeMap<String, String> admin;

  private KafkaClientSettings(String file, Map<String, String> consumer,
      Map<String, String> producer, Map<String, String> admin) {
    this.file = file;
    this.consumer = new TreeMap<>(consumer);
    this.producer = new TreeMap<>(producer);
    this.admin = new TreeMap<>(admin);
  }

  /** No settings: every client as the job makes it. */
  public static KafkaClientSettings none() {
    return new KafkaClientSettings("", Map.of(), Map.of(), Map.of());
  }

  /**
   * The settings of the Java properties file {@code file}, read as UTF-8.
   *
   * @throws IllegalStateException naming the file and each key refused, or why the file cannot
   *     be read: the file is bad input, as a rules file is, not a wrong option
   */
  public static KafkaClientSettings fromFile(Path file) {
    Properties read = new Properties();
    List<String> lines;
    try {
      String text = TextFiles.read(file);
      read.load(new StringReader(text));
      lines = text.lines().toList();
    } catch (IOException | IllegalArgumentException e) {
      throw new IllegalStateException("--kafkaProperties " + file + " cannot be read: " + e, e);
    }
    Map<Client, Map<String, String>> byClient = new HashMap<>();
    for (Client client : Client.values()) {
      byClient.put(client, new HashMap<>());
    }
    // a problem per key, in the file's order, each with the line of the key
    List<Map.Entry<Integer, String>> problems = new ArrayList<>();
    for (String key : new TreeSet<>(read.stringPropertyNames())) {
      int line = lineOf(lines, key);
      // a key written with escapes is not found as written: then it goes without its line
      String where = line > 0 ? "line " + line + ": " : "";
      String value = read.getProperty(key).strip();
      Client only = null;
      for (Client client : Client.values()) {
        if (key.startsWith(client.prefix)) {
          only = client;
        }
      }
      String name = only == null ? key : key.substring(only.prefix.length());
      if (THE_JOBS_OWN.containsKey(name)) {
        problems.add(Map.entry(line, where + key + " is set by the job (use "
            + THE_JOBS_OWN.get(name) + ")"));
        continue;
      }
      boolean known = false;
      for (Client client : Client.values()) {
        if ((only == null || only == client) && client.known.contains(name)) {
          byClient.get(client).put(name, value);
          known = true;
        }
      }
      if (!known) {
        problems.add(Map.entry(line, where + key + " is not a setting of "
            + (only == null ? "a Kafka consumer, producer or admin client"
                : "a Kafka " + only.word() + " client") + elsewhere(name, only)));
      }
    }
    if (!problems.isEmpty()) {
      throw new IllegalStateException("--kafkaProperties " + file + ": "
          + String.join("; ", problems.stream().sorted(Map.Entry.comparingByKey())
              .map(Map.Entry::getValue).toList()));
    }
    return new KafkaClientSettings(file.toString(), byClient.get(Client.CONSUMER),
        byClient.get(Client.PRODUCER), byClient.get(Client.ADMIN));
  }

  /**
   * The line (from 1) where {@code key} is last set, as {@link Properties#load} keeps the last:
   * a logical line's start (not a comment, nor the rest of a line continued with a backslash)
   * whose key, up to its first unescaped separator, is {@code key}. Keys with escapes in them are
   * compared as written; 0 when none is found.
   */
  static int lineOf(List<String> lines, String key) {
    int found = 0;
    boolean continued = false;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      boolean startsEntry = !continued;
      continued = endsWithOddBackslashes(line) && (continued || !isComment(line));
      if (!startsEntry || isComment(line)) {
        continue;
      }
      String text = line.stripLeading();
      int end = 0;
      while (end < text.length() && "=: \t\f".indexOf(text.charAt(end)) < 0) {
        end += text.charAt(end) == '\\' ? 2 : 1;
      }
      if (text.substring(0, Math.min(end, text.length())).equals(key)) {
        found = i + 1;
      }
    }
    return found;
  }

  private static boolean isComment(String line) {
    String text = line.stripLeading();
    return text.isEmpty() || text.charAt(0) == '#' || text.charAt(0) == '!';
  }

  private static boolean endsWithOddBackslashes(String line) {
    int count = 0;
    for (int i = line.length() - 1; i >= 0 && line.charAt(i) == '\\'; i--) {
      count++;
    }
    return count % 2 == 1;
  }

  /**
   * Where a key refused for {@code only} belongs: the kinds of client that know it, else the
   * setting nearest to it when a typo or two away.
   */
  private static String elsewhere(String name, Client only) {
    List<String> knowing = new ArrayList<>();
    Set<String> candidates = new TreeSet<>();
    for (Client client : Client.values()) {
      if (client.known.contains(name)) {
        knowing.add(client.word());
      }
      if (only == null || only == client) {
        candidates.addAll(client.known);
      }
    }
    if (!knowing.isEmpty()) {
      return " but of a " + String.join(" and a ", knowing) + " (prefix it "
          + knowing.get(0) + ". or leave the prefix out)";
    }
    return candidates.stream()
        .filter(known -> KafkaTopicCheck.editDistance(name, known) <= MAX_TYPOS)
        .min(Comparator.comparingInt((String known) -> KafkaTopicCheck.editDistance(name, known))
            .thenComparing(Comparator.naturalOrder()))
        .map(known -> " (did you mean " + known + "?)")
        .orElse("");
  }

  /** The events' consumer's settings. */
  public Map<String, Object> consumer() {
    return new HashMap<>(consumer);
  }

  /** The settings of the alerts' and dead letters' producers. */
  public Map<String, Object> producer() {
    return new HashMap<>(producer);
  }

  /**
   * The configuration of an admin client (the launch checks) of {@code bootstrapServers}: these
   * settings, with each call and request bounded by {@code timeout}.
   */
  public Map<String, Object> admin(String bootstrapServers, Duration timeout) {
    int millis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
    Map<String, Object> config = new HashMap<>(admin);
    config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, millis);
    config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, millis);
    return config;
  }

  public boolean isEmpty() {
    return consumer.isEmpty() && producer.isEmpty() && admin.isEmpty();
  }

  /** The file and the keys it sets, never their values (a password among them). */
  @Override
  public String toString() {
    Set<String> keys = new TreeSet<>(consumer.keySet());
    keys.addAll(producer.keySet());
    keys.addAll(admin.keySet());
    return isEmpty() ? "no Kafka client settings" : file + " " + keys;
  }
}
