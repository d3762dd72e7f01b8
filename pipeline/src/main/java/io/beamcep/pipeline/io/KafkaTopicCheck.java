package io.beamcep.pipeline.io;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.config.ConfigResource;

/**
 * The launch check of a job's Kafka topics. KafkaIO makes no topic it reads, and on the
 * FlinkRunner it looks for a topic's partitions only once the job runs on the cluster: a job
 * reading a topic name with a typo was submitted, then failed there with "Could not find any
 * partitions info", naming no topic. A topic the job writes is made by its first write, unless the
 * brokers make none ({@code auto.create.topics.enable=false}); then the job failed at its first
 * alert, a minute after it began to wait for the topic. Asked before the job is submitted, the
 * brokers say which names they do not know.
 */
public final class KafkaTopicCheck {
  /** How many of the brokers' topics a refusal lists, so that a typo's neighbour can be seen. */
  private static final int LISTED_TOPICS = 20;
  private static final String AUTO_CREATE = "auto.create.topics.enable";

  private final String bootstrapServers;
  private final Map<String, List<String>> read = new LinkedHashMap<>();
  private final Map<String, List<String>> written = new LinkedHashMap<>();
  private final Map<String, Pattern> matched = new LinkedHashMap<>();
  private KafkaClientSettings settings = KafkaClientSettings.none();

  private KafkaTopicCheck(String bootstrapServers) {
    this.bootstrapServers = bootstrapServers;
  }

  /** A check of topics on {@code bootstrapServers}, none yet. */
  public static KafkaTopicCheck on(String bootstrapServers) {
    return new KafkaTopicCheck(bootstrapServers);
  }

  /** The admin client takes {@code settings}' (a secured cluster's, say). */
  public KafkaTopicCheck withClientSettings(KafkaClientSettings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
    return this;
  }

  /** Topics the job reads, named by {@code option} (e.g. {@code --inputTopic}): must exist. */
  public KafkaTopicCheck reads(String option, List<String> topics) {
    read.computeIfAbsent(option, o -> new ArrayList<>()).addAll(topics);
    return this;
  }

  /** Topics the job reads by a pattern, given by {@code option}: must match at least one. */
  public KafkaTopicCheck readsMatching(String option, Pattern topics) {
    matched.put(option, topics);
    return this;
  }

  /** A topic the job writes: must exist unless the brokers make a topic on its first write. */
  public KafkaTopicCheck writes(String option, String topic) {
    written.computeIfAbsent(option, o -> new ArrayList<>()).add(topic);
    return this;
  }

  /**
   * Refuses the job unless its topics are there, and when the brokers cannot be asked within
   * {@code timeout}.
   *
   * @throws IllegalArgumentException naming each missing topic and its option, and the brokers'
   *     topics nearest to them
   * @throws IllegalStateException when the brokers cannot be reached or do not answer
   */
  public void require(Duration timeout) {
    if (read.isEmpty() && written.isEmpty() && matched.isEmpty()) {
      return;
    }
    try (Admin admin = Admin.create(settings.admin(bootstrapServers, timeout))) {
      Set<String> existing = new TreeSet<>(admin.listTopics().names().get());
      List<String> problems = new ArrayList<>();
      List<String> missing = new ArrayList<>();
      read.forEach((option, topics) -> {
        List<String> absent = absent(topics, existing);
        if (!absent.isEmpty()) {
          missing.addAll(absent);
          problems.add(notThere(option, absent));
        }
      });
      matched.forEach((option, pattern) -> {
        if (matching(existing, pattern).isEmpty()) {
          missing.add(pattern.pattern());
          problems.add(option + " '" + pattern.pattern() + "' matches no topic");
        }
      });
      Map<String, List<String>> absentWritten = new LinkedHashMap<>();
      written.forEach((option, topics) -> {
        List<String> absent = absent(topics, existing);
        if (!absent.isEmpty()) {
          absentWritten.put(option, absent);
        }
      });
      if (!absentWritten.isEmpty() && !makesTopicsOnFirstWrite(admin)) {
        absentWritten.forEach((option, absent) -> {
          missing.addAll(absent);
          problems.add(notThere(option, absent) + ", and the brokers make no topic on a first "
              + "write (" + AUTO_CREATE + "=false)");
        });
      }
      if (problems.isEmpty()) {
        return;
      }
      // the way out first: a user's command line cuts a long message
      throw new IllegalArgumentException("Kafka at " + bootstrapServers + ": "
          + String.join("; ", problems)
          + "; a job started now would fail once it runs (--checkServicesAtLaunch=false starts it "
          + "anyway, e.g. when the topic is made later). Topics there, nearest first: "
          + nearestFirst(existing, missing));
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot list the topics of --kafkaBrokers "
          + bootstrapServers + " to check the job's topics (--checkServicesAtLaunch=false starts "
          + "the job anyway, e.g. when only its workers can reach the brokers): "
          + e.getCause().getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while listing the topics of "
          + bootstrapServers, e);
    }
  }

  /**
   * Whether a broker makes a topic on its first write, as it does unless configured not to. A
   * user the brokers do not let read their configuration is not refused for it: the job's writes
   * may still make the topic.
   */
  private static boolean makesTopicsOnFirstWrite(Admin admin) throws InterruptedException {
    try {
      Node any = admin.describeCluster().nodes().get().iterator().next();
      ConfigResource broker = new ConfigResource(ConfigResource.Type.BROKER, any.idString());
      Config config = admin.describeConfigs(List.of(broker)).all().get().get(broker);
      ConfigEntry entry = config == null ? null : config.get(AUTO_CREATE);
      return entry == null || entry.value() == null || Boolean.parseBoolean(entry.value());
    } catch (ExecutionException e) {
      return true;
    }
  }

  /** Those of {@code topics} that {@code pattern} matches whole, as Beam's Kafka reader does. */
  static List<String> matching(Collection<String> topics, Pattern pattern) {
    return topics.stream().filter(topic -> pattern.matcher(topic).matches()).sorted().toList();
  }

  private static String notThere(String option, List<String> absent) {
    return option + " names " + quoted(absent) + ", which " + (absent.size() == 1 ? "does" : "do")
        + " not exist";
  }

  private static List<String> absent(List<String> topics, Set<String> existing) {
    return topics.stream().filter(topic -> !existing.contains(topic)).distinct().toList();
  }

  private static String quoted(List<String> topics) {
    return String.join(", ", topics.stream().map(topic -> "'" + topic + "'").toList());
  }

  /** The brokers' topics, those most like a missing name (a typo's neighbour) first. */
  private static String nearestFirst(Set<String> topics, List<String> missing) {
    if (topics.isEmpty()) {
      return "none";
    }
    List<String> nearest = topics.stream()
        .sorted(Comparator.comparingInt((String topic) -> missing.stream()
                .mapToInt(name -> editDistance(name, topic)).min().orElse(0))
            .thenComparing(Comparator.naturalOrder()))
        .toList();
    String first = String.join(", ", nearest.subList(0, Math.min(LISTED_TOPICS, nearest.size())));
    return nearest.size() > LISTED_TOPICS
        ? first + " and " + (nearest.size() - LISTED_TOPICS) + " more"
        : first;
  }

  /** Levenshtein's distance: the fewest one-character edits that turn {@code a} into {@code b}. */
  static int editDistance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int replace = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(replace, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
