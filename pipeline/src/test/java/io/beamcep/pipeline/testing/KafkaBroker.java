package io.beamcep.pipeline.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A real Kafka 3.9.1 broker in KRaft mode (broker and controller in one process), started from
 * the kafka_2.13 jar on the test classpath as a child JVM. A child process, not an in-process
 * server, because closing it must free every thread, port and file handle no matter what state
 * Kafka is in: the process is killed and its data directory deleted.
 *
 * <p>Usage: {@code try (KafkaBroker kafka = KafkaBroker.start()) { kafka.createTopic("t", 1);
 * kafka.produce("t", lines); ... kafka.bootstrapServers() ... }}
 */
public final class KafkaBroker implements AutoCloseable {
  /**
   * The broker is ready in about 5 s on an idle machine; on a 2-core CI machine whose test JVM is
   * still busy with the previous test's pipeline threads it once took over a minute.
   */
  private static final Duration START_TIMEOUT = Duration.ofSeconds(180);
  /** How long a readiness probe's admin client may take to close; its default is unbounded. */
  private static final Duration PROBE_CLOSE_TIMEOUT = Duration.ofSeconds(5);

  private final Path dataDir;
  private final Process process;
  private final String bootstrapServers;
  /** What this class's own clients need to be let in: empty, or a user's SASL settings. */
  private final Map<String, String> clientSecurity;

  private KafkaBroker(Path dataDir, Process process, String bootstrapServers,
      Map<String, String> clientSecurity) {
    this.dataDir = dataDir;
    this.process = process;
    this.bootstrapServers = bootstrapServers;
    this.clientSecurity = clientSecurity;
  }

  private static KafkaBroker shared;

  /**
   * One broker for the test classes of this JVM that share it: started by the first call, stopped
   * and deleted when the JVM ends. The classes keep apart by their topics' and groups' names;
   * each start took 5 s to over a minute on a busy 2-core machine.
   */
  public static synchronized KafkaBroker shared() {
    if (shared == null) {
      KafkaBroker broker = start();
      Runtime.getRuntime().addShutdownHook(new Thread(broker::close, "kafka-broker-stop"));
      shared = broker;
    }
    return shared;
  }

  /**
   * Formats fresh storage with a random cluster id, starts the broker and waits until it serves.
   */
  public static KafkaBroker start() {
    return start(true);
  }

  /**
   * {@link #start()}, with {@code auto.create.topics.enable} as given: {@code false} is a broker
   * on which a write to a topic that does not exist waits for it instead of making it.
   */
  public static KafkaBroker start(boolean autoCreateTopics) {
    return start(autoCreateTopics, null, null);
  }

  /**
   * A broker that lets in only clients that sign in with SASL PLAIN (no TLS) as {@code user} with
   * {@code password} (or as the broker itself), as a secured cluster does. This class's own
   * clients sign in as {@code user}.
   */
  public static KafkaBroker startWithPassword(String user, String password) {
    return start(true, user, password);
  }

  private static KafkaBroker start(boolean autoCreateTopics, String user, String password) {
    Path dir;
    try {
      dir = Files.createTempDirectory("kafka-broker-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Process process = null;
    try {
      int brokerPort = freePort();
      int controllerPort = freePort();
      Path config = writeConfig(dir, brokerPort, controllerPort, autoCreateTopics, user, password);
      String clusterId = randomClusterId();
      runToCompletion(
          dir,
          "format",
          List.of("kafka.tools.StorageTool", "format", "-t", clusterId, "-c", config.toString()));
      process =
          javaProcess(dir, List.of("kafka.Kafka", config.toString()))
              .redirectOutput(dir.resolve("broker.log").toFile())
              .redirectErrorStream(true)
              .start();
      String servers = "127.0.0.1:" + brokerPort;
      // A test JVM that dies without close() must not leave a broker behind.
      Process started = process;
      Runtime.getRuntime()
          .addShutdownHook(new Thread(started::destroyForcibly, "kafka-broker-kill"));
      Map<String, String> security = user == null ? Map.of() : Map.of(
          "security.protocol", "SASL_PLAINTEXT",
          "sasl.mechanism", "PLAIN",
          "sasl.jaas.config", plainLogin(user, password));
      KafkaBroker broker = new KafkaBroker(dir, process, servers, security);
      broker.awaitReady();
      return broker;
    } catch (IOException | RuntimeException e) {
      String log = readQuietly(dir.resolve("broker.log"));
      if (process != null) {
        process.destroyForcibly();
      }
      deleteRecursively(dir);
      throw new IllegalStateException(
          "Kafka broker did not start: " + e.getMessage() + "\n" + log, e);
    }
  }

  public String bootstrapServers() {
    return bootstrapServers;
  }

  public void createTopic(String topic, int partitions) {
    try (Admin admin = admin()) {
      admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1)))
          .all()
          .get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("cannot create topic " + topic, e);
    }
  }

  /** Grows {@code topic} to {@code partitions} partitions, as an operator scaling it out does. */
  public void growTopic(String topic, int partitions) {
    try (Admin admin = admin()) {
      admin.createPartitions(Map.of(topic, NewPartitions.increaseTo(partitions)))
          .all()
          .get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("cannot grow topic " + topic + " to " + partitions, e);
    }
  }

  /** The names of the topics the broker has. */
  public Set<String> topics() {
    try (Admin admin = admin()) {
      return admin.listTopics().names().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("cannot list the topics", e);
    }
  }

  /** Writes each line as one record value (no key), in order, and waits for the acks. */
  public void produce(String topic, List<String> values) {
    produce(topic, values.stream().map(v -> Map.entry("", v)).toList(), false);
  }

  /**
   * Writes each value (no key) with the timestamp given beside it, as a producer that sets its
   * records' times does, in order, and waits for the acks.
   */
  public void produceAt(String topic, List<Map.Entry<Long, String>> timedValues) {
    produceAt(topic, null, timedValues);
  }

  /** {@link #produceAt(String, List)} into the partition {@code partition} of the topic. */
  public void produceAt(String topic, Integer partition,
      List<Map.Entry<Long, String>> timedValues) {
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig())) {
      for (Map.Entry<Long, String> value : timedValues) {
        producer.send(
            new ProducerRecord<>(topic, partition, value.getKey(), null, value.getValue()));
      }
      producer.flush();
    }
  }

  /** Writes key/value records in order and waits for the acks. */
  public void produceKeyed(String topic, List<Map.Entry<String, String>> records) {
    produce(topic, records, true);
  }

  private void produce(String topic, List<Map.Entry<String, String>> records, boolean keyed) {
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig())) {
      for (Map.Entry<String, String> record : records) {
        producer.send(
            new ProducerRecord<>(topic, keyed ? record.getKey() : null, record.getValue()));
      }
      producer.flush();
    }
  }

  private Properties producerConfig() {
    Properties props = new Properties();
    props.putAll(clientSecurity);
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    return props;
  }

  /**
   * Reads every record currently in the topic (all partitions, from the beginning), as values.
   * Returns what is there now; callers that wait for output poll this with awaitility.
   */
  public List<String> consumeAll(String topic) {
    List<String> values = new ArrayList<>();
    for (ConsumerRecord<String, String> record : consumeRecords(topic)) {
      values.add(record.value());
    }
    return values;
  }

  /** Like {@link #consumeAll} but with keys. */
  public List<ConsumerRecord<String, String>> consumeRecords(String topic) {
    return consumeRecords(topic, "read_uncommitted");
  }

  /**
   * {@link #consumeRecords} as a reader of a transactional producer's output sees it: only
   * records of committed transactions, up to the last one committed.
   */
  public List<ConsumerRecord<String, String>> consumeCommittedRecords(String topic) {
    return consumeRecords(topic, "read_committed");
  }

  private List<ConsumerRecord<String, String>> consumeRecords(String topic, String isolation) {
    Properties props = new Properties();
    props.putAll(clientSecurity);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation);
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    List<ConsumerRecord<String, String>> out = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
              .map(p -> new TopicPartition(topic, p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(10));
      Instant deadline = Instant.now().plusSeconds(20);
      while (!reached(consumer, end) && Instant.now().isBefore(deadline)) {
        consumer.poll(Duration.ofMillis(200)).forEach(out::add);
      }
    }
    return out;
  }

  private static boolean reached(
      KafkaConsumer<String, String> consumer, Map<TopicPartition, Long> end) {
    return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
  }

  /** Kills the broker process and deletes its data. */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    deleteRecursively(dataDir);
  }

  private Admin admin() {
    Properties props = new Properties();
    props.putAll(clientSecurity);
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
    props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "10000");
    return Admin.create(props);
  }

  private void awaitReady() {
    Instant deadline = Instant.now().plus(START_TIMEOUT);
    Exception last = null;
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException("broker process exited with " + process.exitValue());
      }
      Admin admin = admin();
      try {
        // A listed node means the controller elected itself and the broker registered.
        if (!admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty()) {
          return;
        }
      } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
        last = e;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for Kafka", e);
      } finally {
        admin.close(PROBE_CLOSE_TIMEOUT);
      }
    }
    throw new IllegalStateException("broker not ready after " + START_TIMEOUT, last);
  }

  /** The JAAS line of a SASL PLAIN client signing in as {@code user}. */
  public static String plainLogin(String user, String password) {
    return "org.apache.kafka.common.security.plain.PlainLoginModule required username=\""
        + user + "\" password=\"" + password + "\";";
  }

  private static Path writeConfig(Path dir, int brokerPort, int controllerPort,
      boolean autoCreateTopics, String user, String password) throws IOException {
    // the clients' listener: open, or SASL PLAIN knowing the broker itself and the one user
    String listener = user == null ? "PLAINTEXT" : "SASL_PLAINTEXT";
    List<String> sasl = user == null ? List.of() : List.of(
        "sasl.enabled.mechanisms=PLAIN",
        "sasl.mechanism.inter.broker.protocol=PLAIN",
        "listener.name.sasl_plaintext.plain.sasl.jaas.config="
            + "org.apache.kafka.common.security.plain.PlainLoginModule required "
            + "username=\"broker\" password=\"broker-secret\" user_broker=\"broker-secret\" "
            + "user_" + user + "=\"" + password + "\";");
    String properties =
        String.join(
            "\n",
            "process.roles=broker,controller",
            "node.id=1",
            "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
            "listeners=" + listener + "://127.0.0.1:" + brokerPort
                + ",CONTROLLER://127.0.0.1:" + controllerPort,
            "advertised.listeners=" + listener + "://127.0.0.1:" + brokerPort,
            "controller.listener.names=CONTROLLER",
            "inter.broker.listener.name=" + listener,
            "listener.security.protocol.map=" + listener + ":" + listener
                + ",CONTROLLER:PLAINTEXT",
            String.join("\n", sasl),
            "log.dirs=" + dir.resolve("data"),
            "num.partitions=1",
            "offsets.topic.replication.factor=1",
            "offsets.topic.num.partitions=1",
            "transaction.state.log.replication.factor=1",
            "transaction.state.log.min.isr=1",
            "group.initial.rebalance.delay.ms=0",
            "auto.create.topics.enable=" + autoCreateTopics,
            "log.flush.interval.messages=1",
            "");
    Path file = dir.resolve("server.properties");
    Files.writeString(file, properties, StandardCharsets.UTF_8);
    return file;
  }

  private static String randomClusterId() {
    // Kafka cluster ids are 16 random bytes, URL-safe base64 without padding (22 chars). One in
    // 64 starts with '-', which StorageTool's argument parser reads as an option ("--cluster-id:
    // expected one argument"): draw again, as Kafka's own Uuid.randomUuid() does.
    while (true) {
      UUID uuid = UUID.randomUUID();
      java.nio.ByteBuffer bytes = java.nio.ByteBuffer.allocate(16);
      bytes.putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits());
      String id = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.array());
      if (!id.startsWith("-")) {
        return id;
      }
    }
  }

  private static void runToCompletion(Path dir, String name, List<String> mainAndArgs)
      throws IOException {
    Path log = dir.resolve(name + ".log");
    Process p = javaProcess(dir, mainAndArgs)
        .redirectOutput(log.toFile())
        .redirectErrorStream(true)
        .start();
    try {
      if (!p.waitFor(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS) || p.exitValue() != 0) {
        p.destroyForcibly();
        throw new IllegalStateException(name + " failed: " + readQuietly(log));
      }
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private static ProcessBuilder javaProcess(Path dir, List<String> mainAndArgs) {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new ArrayList<>();
    command.add(java);
    command.add("-Xmx384m");
    command.add("-XX:+UseSerialGC");
    command.add("-XX:TieredStopAtLevel=1");
    command.add("-cp");
    // Under surefire this is the manifest-only booter jar; the JVM follows its Class-Path.
    command.add(System.getProperty("java.class.path"));
    command.addAll(mainAndArgs);
    return new ProcessBuilder(command).directory(dir.toFile());
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    }
  }

  private static String readQuietly(Path file) {
    try {
      String text = Files.readString(file);
      return text.length() > 4000 ? text.substring(text.length() - 4000) : text;
    } catch (IOException e) {
      return "";
    }
  }

  private static void deleteRecursively(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
    } catch (IOException e) {
      // Temp files only; leaving one behind must not fail a test.
    }
  }
}
