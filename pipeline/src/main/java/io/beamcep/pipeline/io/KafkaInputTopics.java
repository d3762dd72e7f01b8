package io.beamcep.pipeline.io;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * The launch check of the Kafka source's topics. KafkaIO creates no topic it reads, and on the
 * FlinkRunner it looks for a topic's partitions only once the job runs on the cluster: a job
 * reading a topic name with a typo was submitted, then failed there with "Could not find any
 * partitions info", naming no topic. Asked before the job is submitted, the brokers say which
 * names they do not know.
 */
public final class KafkaInputTopics {
  /** How many of the brokers' topics a refusal lists, so that a typo's neighbour can be seen. */
  private static final int LISTED_TOPICS = 20;

  private KafkaInputTopics() {}

  /**
   * Refuses {@code topics} unless each exists on {@code bootstrapServers}, and refuses when the
   * brokers cannot be asked within {@code timeout}.
   *
   * @throws IllegalArgumentException naming the topics the brokers do not have, and theirs
   * @throws IllegalStateException when the brokers cannot be reached or do not answer
   */
  public static void requireExisting(String bootstrapServers, List<String> topics,
      Duration timeout) {
    Set<String> existing = topicsOf(bootstrapServers, timeout);
    List<String> missing = topics.stream().filter(topic -> !existing.contains(topic)).toList();
    if (missing.isEmpty()) {
      return;
    }
    // the way out first: a user's command line cuts a long message
    throw new IllegalArgumentException("--inputTopic names " + quoted(missing)
        + (missing.size() == 1 ? ", which does" : ", which do") + " not exist on "
        + bootstrapServers + "; a job started now would fail once it runs "
        + "(--checkTopicsAtLaunch=false starts it anyway, e.g. when the topic is made later). "
        + "Topics there, nearest first: " + nearestFirst(existing, missing));
  }

  private static Set<String> topicsOf(String bootstrapServers, Duration timeout) {
    int millis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
    Map<String, Object> config = Map.of(
        AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, millis,
        AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, millis);
    try (Admin admin = Admin.create(config)) {
      return new TreeSet<>(admin.listTopics().names().get());
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot list the topics of --kafkaBrokers "
          + bootstrapServers + " to check --inputTopic (--checkTopicsAtLaunch=false starts the "
          + "job anyway, e.g. when only its workers can reach the brokers): "
          + e.getCause().getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while listing the topics of "
          + bootstrapServers, e);
    }
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
