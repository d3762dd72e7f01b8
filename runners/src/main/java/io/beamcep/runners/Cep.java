package io.beamcep.runners;

import io.beamcep.runners.bench.BenchCommand;
import io.beamcep.runners.bench.latency.LatencyCommand;
import io.beamcep.runners.cli.GenerateCommand;
import io.beamcep.runners.cli.MatchCommand;
import io.beamcep.runners.cli.RulesCommand;
import io.beamcep.runners.cli.RunCommand;
import io.beamcep.runners.cli.TemplatesCommand;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code cep} command: {@code java -jar runners/target/cep.jar <command>}. Exit codes: 0 done,
 * 1 bad input or a failed job (one line on stderr naming the problem), 2 a wrong flag or value.
 */
@Command(
    name = "cep",
    mixinStandardHelpOptions = true,
    version = "beam-cep 0.1.0",
    description = "Dynamic complex event processing on Apache Beam with Flink CEP semantics.",
    subcommands = {
      RunCommand.class,
      MatchCommand.class,
      RulesCommand.class,
      GenerateCommand.class,
      TemplatesCommand.class,
      BenchCommand.class,
      LatencyCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Cep implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "missing command");
  }

  public static void main(String[] args) {
    int code = execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    if (FlinkClient.isRunning()) {
      // Under `flink run` this main runs inside Flink's CLI: System.exit would end the CLI
      // before it reports (or, with cluster.intercept-user-system-exit=THROW, turn a success into
      // a failure). Returning lets the CLI finish; an exception makes it report a failure.
      if (code != 0) {
        throw new IllegalStateException(
            "cep failed with exit code " + code + "; the reason is on stderr above");
      }
      return;
    }
    System.exit(code);
  }

  /** Runs one command line with the given streams; what tests call instead of {@link #main}. */
  public static int execute(PrintWriter out, PrintWriter err, String... args) {
    CommandLine cli = new CommandLine(new Cep());
    cli.setOut(out);
    cli.setErr(err);
    cli.setParameterExceptionHandler(
        (ex, ignoredArgs) -> {
          // One line, and where to read more: a usage dump buries the actual mistake.
          CommandLine failing = ex.getCommandLine();
          err.println("cep: " + ex.getMessage());
          err.println(
              "Try '"
                  + failing.getCommandSpec().qualifiedName()
                  + " --help' for more information.");
          err.flush();
          return 2;
        });
    cli.setExecutionExceptionHandler(
        (ex, failing, parseResult) -> {
          err.println("cep: " + oneLine(ex));
          err.flush();
          return 1;
        });
    int code = cli.execute(args);
    out.flush();
    err.flush();
    return code;
  }

  /**
   * The message a user can act on, on one line: ours as is; otherwise the first exception in the
   * chain that says something of its own (runners wrap failures several times) and, when the
   * root cause differs and says something the message does not, the root cause too
   * ("PSQLException: Connection to 127.0.0.1:1 refused (ConnectException: Connection refused)").
   */
  static String oneLine(Throwable ex) {
    java.util.List<Throwable> chain = new java.util.ArrayList<>();
    for (Throwable t = ex; t != null && !chain.contains(t); t = t.getCause()) {
      if (t instanceof io.beamcep.patterns.RuleException rule) {
        // a rule's problems are a line each in the message; on one line, a "; " between them
        return String.join("; ", rule.problems().stream().map(p -> flat(p.getMessage())).toList());
      }
      if (t instanceof UserError) {
        return flat(t.getMessage());
      }
      chain.add(t);
    }
    Throwable telling = chain.stream().filter(t -> !isWrapper(t)).findFirst().orElse(ex);
    Throwable root = chain.get(chain.size() - 1);
    String text = describe(telling);
    if (root != telling && (root.getMessage() == null || !text.contains(flat(root.getMessage())))) {
      text += " (" + describe(root) + ")"; // unless the message already says what the root does
    }
    return text.length() > 500 ? text.substring(0, 500) + "..." : text;
  }

  private static boolean isWrapper(Throwable t) {
    String message = t.getMessage();
    return t.getCause() != null
        && (message == null
            || message.equals(t.getCause().toString())
            || t instanceof java.lang.reflect.InvocationTargetException
            || t instanceof java.util.concurrent.ExecutionException
            || t.getClass().getName().endsWith("PipelineExecutionException"));
  }

  /**
   * An exception's message; with its class in front unless our own code threw it to say what is
   * wrong (an IllegalStateException or IllegalArgumentException made in io.beamcep), where the
   * class only made a message read as a crash: "IllegalStateException: rules file r.json does not
   * exist".
   */
  private static String describe(Throwable t) {
    String message = t.getMessage() == null ? "" : flat(t.getMessage());
    if (!message.isEmpty() && isOurMessage(t)) {
      return message;
    }
    return t.getClass().getSimpleName() + (message.isEmpty() ? "" : ": " + message);
  }

  private static boolean isOurMessage(Throwable t) {
    StackTraceElement[] made = t.getStackTrace();
    return (t.getClass() == IllegalStateException.class
            || t.getClass() == IllegalArgumentException.class)
        && made.length > 0 && made[0].getClassName().startsWith("io.beamcep.");
  }

  private static String flat(String text) {
    return text == null ? "" : text.replaceAll("\\s+", " ").trim();
  }
}
