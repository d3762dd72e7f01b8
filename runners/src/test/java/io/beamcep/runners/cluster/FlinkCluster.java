package io.beamcep.runners.cluster;

import static org.awaitility.Awaitility.await;

import org.awaitility.core.ConditionTimeoutException;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.core.ConditionTimeoutException;

/**
 * A real standalone Flink 1.19 session cluster: one JobManager JVM and one TaskManager JVM, both
 * on a classpath of Flink's jars only (resolved by Maven from {@code src/test/flink-cluster}),
 * configured on free localhost ports. Jobs reach it through its REST port, exactly as they reach
 * a production cluster.
 */
public final class FlinkCluster implements AutoCloseable {
  private static final String JAVA =
      Path.of(System.getProperty("java.home"), "bin", "java").toString();
  private static final List<String> OPENS =
      List.of("java.util", "java.lang", "java.lang.reflect", "java.io", "java.nio", "sun.nio.ch",
          "java.net", "java.time", "java.util.concurrent", "java.util.concurrent.atomic",
          "java.math", "java.text");

  private final Path dir;
  private final String classpath;
  private final int restPort;
  private final List<Process> processes = new ArrayList<>();
  private final List<String> names = new ArrayList<>();
  private final HttpClient http = HttpClient.newHttpClient();

  private FlinkCluster(Path dir, String classpath, int restPort) {
    this.dir = dir;
    this.classpath = classpath;
    this.restPort = restPort;
  }

  /** Starts the cluster under {@code dir} and returns once a TaskManager has registered. */
  public static FlinkCluster start(Path dir, int slots) throws IOException, InterruptedException {
    Files.createDirectories(dir);
    String classpath = flinkClasspath(dir);
    int restPort = freePort();
    Path conf = Files.createDirectories(dir.resolve("conf"));
    Files.writeString(conf.resolve("config.yaml"), String.join("\n",
        "jobmanager.rpc.address: localhost",
        "jobmanager.rpc.port: " + freePort(),
        "jobmanager.bind-host: localhost",
        "jobmanager.memory.process.size: 1024m",
        "rest.address: localhost",
        "rest.bind-address: localhost",
        "rest.port: " + restPort,
        "taskmanager.host: localhost",
        "taskmanager.bind-host: localhost",
        // 0: the TaskManager binds ports of its own choosing, so no other process can take
        // them between our choice and its start (nothing connects to them before it registers)
        "taskmanager.rpc.port: 0",
        "taskmanager.data.port: 0",
        "taskmanager.numberOfTaskSlots: " + slots,
        "taskmanager.memory.process.size: 2048m",
        // Every job loads the fat jar's classes anew, and not every job's are unloaded (Beam's
        // exactly-once Kafka sink starts a static thread, one likely holder): at Flink's default
        // 256m the TaskManager died of a full metaspace at the tests' eleventh job
        "taskmanager.memory.jvm-metaspace.size: 768m",
        "parallelism.default: 1",
        "io.tmp.dirs: " + Files.createDirectories(dir.resolve("tmp")),
        // as a production cluster's: without it checkpoints go to the JobManager's memory, which
        // refuses a task's state above 5 MB (cep run warns of that)
        "state.checkpoints.dir: " + Files.createDirectories(dir.resolve("checkpoints")).toUri(),
        ""));
    FlinkCluster cluster = new FlinkCluster(dir, classpath, restPort);
    try {
      cluster.spawn("jobmanager", classpath, List.of(),
          "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint",
          List.of("--configDir", conf.toString()));
      List<String> resources = taskManagerResources(classpath, conf);
      List<String> jvm = Arrays.asList(resources.get(0).trim().split("\\s+"));
      List<String> dynamic = new ArrayList<>(List.of("--configDir", conf.toString()));
      dynamic.addAll(Arrays.asList(resources.get(1).trim().split("\\s+")));
      cluster.spawn("taskmanager", classpath, jvm,
          "org.apache.flink.runtime.taskexecutor.TaskManagerRunner", dynamic);
      try {
        await("a TaskManager registered at the JobManager")
            .atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
            .ignoreExceptions()
            .until(() -> cluster.rest("/taskmanagers").contains("\"slotsNumber\":" + slots));
      } catch (ConditionTimeoutException e) {
        // the directory is a test's temporary one, gone after the run: say here what went wrong
        throw new IllegalStateException(e.getMessage() + "\n" + cluster.describeProcesses(), e);
      }
      return cluster;
    } catch (RuntimeException | IOException e) {
      cluster.close();
      throw e;
    }
  }

  /** Per spawned JVM: alive or its exit code, and the end of its log. */
  private String describeProcesses() {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < processes.size(); i++) {
      Process process = processes.get(i);
      String name = names.get(i);
      text.append("--- ").append(name).append(": ")
          .append(process.isAlive() ? "running" : "exited with " + process.exitValue())
          .append(", last lines of its log:\n");
      try {
        List<String> lines = Files.readAllLines(dir.resolve(name + ".log"));
        lines.subList(Math.max(0, lines.size() - 30), lines.size())
            .forEach(line -> text.append(line).append('\n'));
      } catch (IOException e) {
        text.append("(no log: ").append(e).append(")\n");
      }
    }
    return text.toString();
  }

  /**
   * Flink's command-line client on this cluster, what {@code bin/flink ARGS} runs: CliFrontend on
   * Flink's classpath, configured by the cluster's conf directory.
   */
  public ProcessBuilder cli(List<String> args) {
    List<String> command = new ArrayList<>(List.of(JAVA));
    OPENS.forEach(p -> command.addAll(List.of("--add-opens", "java.base/" + p + "=ALL-UNNAMED")));
    command.addAll(List.of("-cp", classpath, "org.apache.flink.client.cli.CliFrontend"));
    command.addAll(args);
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().put("FLINK_CONF_DIR", dir.resolve("conf").toString());
    return builder;
  }

  /** {@code localhost:PORT}, what {@code --flinkMaster} takes. */
  public String master() {
    return "localhost:" + restPort;
  }

  /** GET a REST path of the JobManager, e.g. {@code /jobs/overview}. */
  public String rest(String path) throws IOException, InterruptedException {
    HttpResponse<String> response = http.send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + restPort + path))
            .timeout(Duration.ofSeconds(5)).build(),
        HttpResponse.BodyHandlers.ofString());
    return response.body();
  }

  /** The ids of every job the cluster knows, running or ended, sorted. */
  public List<String> jobIds() throws IOException, InterruptedException {
    var matcher = java.util.regex.Pattern.compile("\"id\":\"([0-9a-f]{32})\"")
        .matcher(rest("/jobs"));
    List<String> ids = new ArrayList<>();
    while (matcher.find()) {
      ids.add(matcher.group(1));
    }
    ids.sort(null);
    return ids;
  }

  /** The id of the one job running; fails when there is none or several. */
  public String runningJob() throws IOException, InterruptedException {
    var matcher = java.util.regex.Pattern
        .compile("\\{\"id\":\"([0-9a-f]{32})\",\"status\":\"RUNNING\"\\}")
        .matcher(rest("/jobs"));
    List<String> running = new ArrayList<>();
    while (matcher.find()) {
      running.add(matcher.group(1));
    }
    if (running.size() != 1) {
      throw new IllegalStateException("expected one running job, got " + rest("/jobs"));
    }
    return running.get(0);
  }

  /**
   * Takes a savepoint of {@code job} into {@code directory} and cancels the job, as {@code flink
   * stop} or {@code flink cancel -s} would; returns the savepoint's location once it is complete.
   */
  public String savepointAndCancel(String job, Path directory)
      throws IOException, InterruptedException {
    String trigger = http.send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + restPort + "/jobs/" + job
                + "/savepoints"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{\"target-directory\":\""
                + directory.toUri() + "\",\"cancel-job\":true}"))
            .build(),
        HttpResponse.BodyHandlers.ofString()).body();
    var request = java.util.regex.Pattern.compile("\"request-id\":\"([0-9a-f]+)\"")
        .matcher(trigger);
    if (!request.find()) {
      throw new IllegalStateException("no savepoint triggered: " + trigger);
    }
    String progress = "/jobs/" + job + "/savepoints/" + request.group(1);
    // a failed savepoint is COMPLETED too, with a failure cause instead of a location
    String status = await("the savepoint of " + job)
        .atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500))
        .until(() -> rest(progress), body -> body.contains("\"COMPLETED\""));
    var location = java.util.regex.Pattern.compile("\"location\":\"([^\"]+)\"")
        .matcher(status);
    if (!location.find()) {
      throw new IllegalStateException("savepoint failed: " + status);
    }
    return location.group(1);
  }

  /** Cancels every job still running (streaming jobs never end by themselves). */
  public void cancelAllJobs() throws IOException, InterruptedException {
    for (String job : jobIds()) {
      http.send(HttpRequest.newBuilder(
              URI.create("http://localhost:" + restPort + "/jobs/" + job + "?mode=cancel"))
              .method("PATCH", HttpRequest.BodyPublishers.noBody()).build(),
          HttpResponse.BodyHandlers.discarding());
    }
  }

  private void spawn(
      String name, String classpath, List<String> jvm, String main, List<String> args)
      throws IOException {
    List<String> command = new ArrayList<>(List.of(JAVA));
    command.addAll(jvm);
    OPENS.forEach(p -> command.addAll(List.of("--add-opens", "java.base/" + p + "=ALL-UNNAMED")));
    command.addAll(List.of("-cp", classpath, main));
    command.addAll(args);
    names.add(name);
    processes.add(new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve(name + ".log").toFile())
        .start());
  }

  /**
   * The TaskManager's JVM flags and {@code -D} memory options, computed by Flink itself the way its
   * start script does: without them the TaskManager refuses to start.
   */
  private static List<String> taskManagerResources(String classpath, Path conf)
      throws IOException, InterruptedException {
    Process utils = new ProcessBuilder(JAVA, "-cp", classpath,
        "org.apache.flink.runtime.util.bash.BashJavaUtils", "GET_TM_RESOURCE_PARAMS",
        "--configDir", conf.toString())
        .redirectErrorStream(true).start();
    String output = new String(utils.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    utils.waitFor(60, TimeUnit.SECONDS);
    String marker = "BASH_JAVA_UTILS_EXEC_RESULT:";
    List<String> results = output.lines().filter(l -> l.startsWith(marker))
        .map(l -> l.substring(marker.length())).toList();
    if (results.size() < 2) {
      throw new IllegalStateException("BashJavaUtils gave no TaskManager parameters: " + output);
    }
    return results.subList(results.size() - 2, results.size());
  }

  /**
   * Flink's jars only, resolved by Maven from the small pom next to the tests: offline first (the
   * build that runs this test has already downloaded them), online when the cache lacks one.
   */
  static String flinkClasspath(Path dir) throws IOException, InterruptedException {
    Path out = dir.resolve("flink.classpath");
    if (resolve(dir, out, true) || resolve(dir, out, false)) {
      return Files.readString(out).trim();
    }
    throw new IllegalStateException("could not resolve the Flink cluster classpath: "
        + Files.readString(dir.resolve("mvn.log")));
  }

  private static boolean resolve(Path dir, Path out, boolean offline)
      throws IOException, InterruptedException {
    Path pom = Path.of("src", "test", "flink-cluster", "pom.xml").toAbsolutePath();
    List<String> command = new ArrayList<>(List.of(mavenCommand(), "-q", "-B", "-f", pom.toString(),
        "dependency:build-classpath", "-Dmdep.outputFile=" + out));
    if (offline) {
      command.add(1, "-o");
    }
    Process mvn = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(dir.resolve("mvn.log").toFile()).start();
    return mvn.waitFor(5, TimeUnit.MINUTES) && mvn.exitValue() == 0 && Files.exists(out);
  }

  private static String mavenCommand() {
    String home = System.getProperty("maven.home");
    if (home != null && new File(home, "bin/mvn").canExecute()) {
      return new File(home, "bin/mvn").getPath();
    }
    return "mvn";
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @Override
  public void close() {
    for (Process process : processes) {
      process.destroy();
    }
    for (Process process : processes) {
      try {
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
  }
}
