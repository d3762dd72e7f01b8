package io.beamcep.runners.cli;

import io.beamcep.pipeline.CepPipeline;
import io.beamcep.pipeline.CepPipelineOptions;
import io.beamcep.runners.UserError;
import io.beamcep.runners.template.TemplateLaunch;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.beam.sdk.PipelineResult;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/** {@code cep run}: the streaming alert job. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
      "Run the alert job. Without arguments: the embedded demo (the five scenarios' rules in an "
          + "embedded H2 table read over JDBC, their click events plus a synthetic stream "
          + "replayed in event time on an embedded Flink, alerts printed in the reference's text, "
          + "then a count per rule and scenario; it ends when the replay is done).",
      "With arguments: every --name=value (or --name value) is a pipeline option (see the"
          + " README's configuration table) or a Beam/Flink option"
          + " (--runner=DirectRunner|FlinkRunner, --flinkMaster=host:port, --parallelism,"
          + " --checkpointingInterval, ...). The runner defaults to FlinkRunner.",
      "With --template: the template's parameters (--param name=value) are checked first."
    })
public final class RunCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--template", paramLabel = "NAME|FILE",
      description = "kafka-to-alerts, file-replay, match, or a template metadata file.")
  String template;

  @Option(names = "--param", paramLabel = "NAME=VALUE",
      description = "A template parameter; repeatable. Only with --template.")
  List<String> params = new ArrayList<>();

  @Option(names = "--dry-run",
      description = "Check what a launch checks (the options, the template's parameters, the "
          + "rules and their source, the Kafka topics and the jdbc sink's table) and stop "
          + "without starting the job: exit 0 when it would start, with the rules it would run "
          + "(and the rows refused), its events' source and its sinks.")
  boolean dryRun;

  @Unmatched List<String> pipelineArgs = new ArrayList<>();

  @Override
  public Integer call() throws Exception {
    if (template == null && !params.isEmpty()) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--param needs --template");
    }
    List<String> pipelineOptions = PipelineArgs.normalized(spec.commandLine(), pipelineArgs);
    if (template == null && pipelineOptions.isEmpty()) {
      if (dryRun) {
        throw new CommandLine.ParameterException(spec.commandLine(),
            "--dry-run checks a job given by --template or pipeline options; the embedded demo "
                + "has nothing to check");
      }
      return EmbeddedDemo.run(spec.commandLine());
    }
    List<String> args = new ArrayList<>();
    if (template != null) {
      args.addAll(TemplateLaunch.load(template).pipelineArgs(params));
    }
    args.addAll(pipelineOptions);
    CepPipelineOptions options = PipelineLauncher.options(spec.commandLine(), args);
    if (dryRun) {
      PipelineLauncher.check(spec.commandLine(), options);
      PrintWriter err = spec.commandLine().getErr();
      Optional<String> savepoint = PipelineLauncher.restoredSavepoint(options);
      err.println("cep: the job would " + savepoint.map(path -> "restore savepoint " + path + " ")
          .orElse("start ") + "on the " + options.getRunner().getSimpleName()
          + "; --dry-run started nothing");
      CepPipeline.describe(options, savepoint.isPresent())
          .forEach(line -> err.println("  " + line));
      spec.commandLine().getErr().flush();
      return 0;
    }
    PipelineResult.State state = PipelineLauncher.runToEnd(spec.commandLine(), options);
    if (PipelineLauncher.isDetached(options) && !state.isTerminal()) {
      // Submitted detached: the job now belongs to the cluster; `flink cancel` ends it.
      spec.commandLine().getErr().println("cep: the job was submitted detached and is " + state);
      spec.commandLine().getErr().flush();
      return 0;
    }
    if (state != PipelineResult.State.DONE) {
      throw new UserError("the job ended " + state);
    }
    return 0;
  }
}
