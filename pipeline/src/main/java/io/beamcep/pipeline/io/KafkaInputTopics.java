package io.beamcep.pipeline.io;

import java.time.Duration;
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
  /** How many of the brokers' topics a refusal lists, so that a typo can be seen beside them. */
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
        + "Topics there: " + listed(existing));
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

  private static String listed(Set<String> topics) {
    if (topics.isEmpty()) {
      return "none";
    }
    String first = String.join(", ", topics.stream().limit(LISTED_TOPICS).toList());
    return topics.size() > LISTED_TOPICS
        ? first + " and " + (topics.size() - LISTED_TOPICS) + " more"
        : first;
  }
}
