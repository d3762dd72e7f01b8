package io.beamcep.runners.cli;

import io.beamcep.runners.template.GeneratedDocs;
import io.beamcep.runners.template.TemplateMetadata;
import io.beamcep.runners.template.TemplateShape;
import io.beamcep.runners.template.TemplateShapes;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** Prints the launch templates, or rewrites every generated file of a checkout. */
@Command(
    name = "templates",
    mixinStandardHelpOptions = true,
    description = {
      "Print the Flex Template metadata of every launch shape, generated from the pipeline "
          + "options' annotations.",
      "With --write DIR: rewrite runners/templates/*.json, runners/CLI.md and the README's "
          + "generated tables under the checkout DIR."
    })
public final class TemplatesCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--write", paramLabel = "DIR", description = "Checkout root to regenerate.")
  Path write;

  @Override
  public Integer call() {
    if (write != null) {
      List<String> changed = GeneratedDocs.write(write);
      spec.commandLine().getOut().println(
          changed.isEmpty() ? "generated files are up to date" : "rewrote " + changed);
      return 0;
    }
    for (TemplateShape shape : TemplateShapes.ALL) {
      spec.commandLine().getOut().print(TemplateMetadata.render(shape));
    }
    return 0;
  }
}
