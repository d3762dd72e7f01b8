package io.beamcep.runners;

import io.beamcep.runners.cli.GenerateCommand;
import io.beamcep.runners.cli.RulesCommand;
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
      RulesCommand.class,
      GenerateCommand.class,
      TemplatesCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Cep implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "missing command");
  }

  public static void main(String[] args) {
    System.exit(execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
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
              "Try '" + failing.getCommandSpec().qualifiedName() + " --help' for more information.");
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

  /** The message a user can act on: ours as is, otherwise the innermost cause's class and text. */
  static String oneLine(Throwable ex) {
    if (ex instanceof UserError || ex instanceof io.beamcep.patterns.RuleException) {
      return ex.getMessage();
    }
    Throwable root = ex;
    while (root.getCause() != null && root.getCause() != root) {
      if (root instanceof UserError) {
        return root.getMessage();
      }
      root = root.getCause();
    }
    String text = root.getMessage() == null ? "" : root.getMessage().replaceAll("\\s+", " ").trim();
    return root.getClass().getSimpleName() + (text.isEmpty() ? "" : ": " + text);
  }
}
