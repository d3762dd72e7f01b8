package io.beamcep.runners.template;

import io.beamcep.pipeline.CepPipelineOptions;
import io.beamcep.runners.Cep;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine;

/**
 * Every generated file of the repository: the template metadata files, the command-line reference
 * ({@value #CLI_REFERENCE}) and the README's option tables (between {@code <!-- BEGIN GENERATED: x -->} and {@code <!-- END GENERATED: x -->}).
 * {@code cep templates --write DIR} rewrites them; a test fails when they drift from the code.
 */
public final class GeneratedDocs {
  private GeneratedDocs() {}

  public static final String REGENERATE =
      "mvn -o -q -pl runners test -Dtest=GeneratedDocsDriftTest -Dcep.regenerate=true";

  /** Where the command-line reference is generated to, from the repository root. */
  public static final String CLI_REFERENCE = "runners/CLI.md";

  /** Relative path -> expected content, for every generated file except the README. */
  public static Map<String, String> templateFiles() {
    Map<String, String> files = new LinkedHashMap<>();
    for (TemplateShape shape : TemplateShapes.ALL) {
      files.put("runners/templates/" + shape.name() + ".json", TemplateMetadata.render(shape));
    }
    files.put(CLI_REFERENCE, cliReference());
    return files;
  }

  /**
   * Every command's and subcommand's {@code --help}, as picocli renders it from the commands'
   * annotations (80 columns, no colours): the flags' reference, generated rather than copied.
   */
  static String cliReference() {
    StringBuilder text = new StringBuilder();
    text.append("# The `cep` command line\n\n")
        .append("Every command's `--help`, generated from the commands' annotations by `cep ")
        .append("templates --write .`\n(`GeneratedDocsDriftTest` fails when it drifts). ")
        .append("Do not edit by hand. The job's own\n`--name=value` options are in the README's ")
        .append("Configuration table.\n");
    appendUsage(new CommandLine(new Cep()), text);
    return text.toString();
  }

  private static void appendUsage(CommandLine command, StringBuilder text) {
    if (command.getCommandSpec().usageMessage().hidden()
        || command.getCommand() instanceof CommandLine.HelpCommand) {
      return;
    }
    command.setUsageHelpWidth(80);
    command.setUsageHelpAutoWidth(false);
    text.append("\n## `").append(command.getCommandSpec().qualifiedName()).append("`\n\n```\n")
        .append(command.getUsageMessage(CommandLine.Help.Ansi.OFF).stripTrailing())
        .append("\n```\n");
    for (CommandLine sub : command.getSubcommands().values()) {
      appendUsage(sub, text);
    }
  }

  /** The README's generated sections, by section name. */
  public static Map<String, String> readmeSections() {
    Map<String, String> sections = new LinkedHashMap<>();
    sections.put("options", optionsTable());
    return sections;
  }

  static String optionsTable() {
    StringBuilder table = new StringBuilder();
    table.append("| option | default | what |\n|---|---|---|\n");
    for (OptionDoc doc : OptionDocs.declaredBy(CepPipelineOptions.class).values()) {
      String def =
          doc.required() ? "required" : doc.defaultValue() == null ? "" : doc.defaultValue();
      table.append("| `--").append(doc.name()).append("` | ")
          .append(def.isEmpty() ? "(empty)" : "`" + def + "`").append(" | ")
          .append(doc.description().replace("|", "\\|")).append(" |\n");
    }
    return table.toString();
  }

  /** The README text with every generated section replaced by its current content. */
  public static String updateReadme(String readme) {
    String updated = readme;
    for (Map.Entry<String, String> section : readmeSections().entrySet()) {
      String begin = "<!-- BEGIN GENERATED: " + section.getKey() + " -->";
      String end = "<!-- END GENERATED: " + section.getKey() + " -->";
      int from = updated.indexOf(begin);
      int to = updated.indexOf(end);
      if (from < 0 || to < from) {
        throw new IllegalStateException("README.md lacks the markers " + begin + " ... " + end);
      }
      updated = updated.substring(0, from + begin.length()) + "\n" + section.getValue()
          + updated.substring(to);
    }
    return updated;
  }

  /** Rewrites every generated file under the repository root; returns the paths changed. */
  public static java.util.List<String> write(Path repoRoot) {
    java.util.List<String> changed = new java.util.ArrayList<>();
    Map<String, String> files = new LinkedHashMap<>(templateFiles());
    try {
      Path readme = repoRoot.resolve("README.md");
      files.put("README.md", updateReadme(Files.readString(readme, StandardCharsets.UTF_8)));
      for (Map.Entry<String, String> file : files.entrySet()) {
        Path path = repoRoot.resolve(file.getKey());
        String old = Files.exists(path) ? Files.readString(path, StandardCharsets.UTF_8) : null;
        if (!file.getValue().equals(old)) {
          Files.createDirectories(path.getParent() == null ? repoRoot : path.getParent());
          Files.writeString(path, file.getValue(), StandardCharsets.UTF_8);
          changed.add(file.getKey());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return changed;
  }
}
