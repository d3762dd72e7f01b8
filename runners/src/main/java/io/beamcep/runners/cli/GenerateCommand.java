package io.beamcep.runners.cli;

import io.beamcep.patterns.synthetic.ClickStreamGenerator;
import io.beamcep.runners.UserError;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code cep generate}: a deterministic synthetic click stream as JSON lines. */
@Command(name = "generate", mixinStandardHelpOptions = true,
    description = "Write a synthetic e-commerce click stream (REES46-shaped, deterministic per "
        + "seed) as JSON lines, in the testdata event format.")
public final class GenerateCommand implements Callable<Integer> {

  /** Below this a progress bar is only noise. */
  static final long PROGRESS_THRESHOLD = 200_000;

  @Spec CommandSpec spec;

  @Option(names = "--events", required = true, paramLabel = "N", description = "Number of events.")
  long events;

  @Option(names = "--users", defaultValue = "1000", paramLabel = "U",
      description = "Number of users (default ${DEFAULT-VALUE}).")
  int users;

  @Option(names = "--seed", defaultValue = "1", paramLabel = "S",
      description = "Random seed; the same seed gives the same stream (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--out", paramLabel = "FILE", description = "Output file (default: stdout).")
  Path out;

  @Override
  public Integer call() throws IOException {
    if (events < 0) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "--events must be >= 0 but was " + events);
    }
    if (users < 1) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "--users must be >= 1 but was " + users);
    }
    ClickStreamGenerator generator =
        ClickStreamGenerator.builder().seed(seed).users(users).events(events).build();
    if (out == null) {
      PrintWriter stdout = spec.commandLine().getOut();
      generator.writeJsonLines(stdout);
      stdout.flush();
      return 0;
    }
    Path parent = out.toAbsolutePath().getParent();
    if (parent != null && !Files.isDirectory(parent)) {
      throw new UserError("cannot write " + out + ": directory " + parent + " does not exist");
    }
    try (Writer file = new BufferedWriter(
        new OutputStreamWriter(Files.newOutputStream(out), StandardCharsets.UTF_8), 1 << 16)) {
      if (events < PROGRESS_THRESHOLD) {
        generator.writeJsonLines(file);
      } else {
        try (Progress progress = Progress.ofEvents("generate", events)) {
          generator.writeJsonLines(file, progress);
        }
      }
    } catch (IOException e) {
      throw new UserError("cannot write " + out + ": " + e.getMessage(), e);
    }
    spec.commandLine().getErr().println("wrote " + events + " events to " + out);
    return 0;
  }
}
