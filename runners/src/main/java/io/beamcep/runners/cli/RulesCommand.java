package io.beamcep.runners.cli;

import io.beamcep.patterns.json.RuleJson;
import io.beamcep.pipeline.jdbc.PasswordFile;
import io.beamcep.pipeline.rules.ActiveRules;
import io.beamcep.pipeline.rules.RuleError;
import io.beamcep.pipeline.rules.RuleRow;
import io.beamcep.pipeline.rules.RuleValidator;
import io.beamcep.runners.UserError;
import io.beamcep.runners.rules.AutomatonPrinter;
import io.beamcep.runners.rules.RuleCheck;
import io.beamcep.runners.rules.RuleDatabase;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code cep rules validate|explain|push|remove|list}: rule files and rule tables. */
@Command(
    name = "rules",
    mixinStandardHelpOptions = true,
    description = "Check, explain, store, remove and list rules.",
    subcommands = {
      RulesCommand.Validate.class,
      RulesCommand.Explain.class,
      RulesCommand.Push.class,
      RulesCommand.Remove.class,
      RulesCommand.ListRules.class
    })
public final class RulesCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(),
        "missing subcommand: validate, explain, push, remove or list");
  }

  /** Where rules come from in a database, or where push writes them. */
  static final class Jdbc {
    @Option(names = "--jdbc", required = true, paramLabel = "URL",
        description = "JDBC URL of the rule database (jdbc:mariadb:, jdbc:mysql:, "
            + "jdbc:postgresql:, jdbc:h2:).")
    String url;

    @Option(names = "--table", required = true, paramLabel = "T", description = "Rule table.")
    String table;

    @Option(
        names = "--user",
        defaultValue = "root",
        description = "Database user (default ${DEFAULT-VALUE}).")
    String user;

    @Option(names = "--password", defaultValue = "", description = "Database password.")
    String password;

    @Option(names = "--password-file", paramLabel = "FILE",
        description = "A file holding the database password (a trailing line break is not part "
            + "of it), e.g. a mounted secret: unlike --password, on no command line, process "
            + "list or deployment log.")
    Path passwordFile;

    /**
     * The database; a password given twice is a wrong use of {@code cli}'s options (exit 2), a
     * password file that cannot be read or is empty is bad input (exit 1).
     */
    RuleDatabase open(CommandLine cli) {
      String secret;
      try {
        secret = PasswordFile.orGiven(password, passwordFile, "--password", "--password-file");
      } catch (IllegalArgumentException e) {
        throw new CommandLine.ParameterException(cli, e.getMessage());
      }
      return RuleDatabase.open(url, user, secret, table);
    }
  }

  /** Exactly one source of rules: a file or a table. */
  static final class Source {
    @Parameters(arity = "1..*", paramLabel = "FILE",
        description = "Files holding a JSON array of rule rows each.")
    List<Path> files;

    @ArgGroup(exclusive = false)
    Jdbc jdbc;
  }

  @Command(name = "validate", mixinStandardHelpOptions = true,
      description = {"Parse and compile every rule; one line per problem (rule id, version, "
          + "JSON path, reason) and exit 1 if there is any."})
  static final class Validate implements Callable<Integer> {
    @Spec CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    @Option(names = "--as-job", description = "With --jdbc: check the table as a job reading it "
        + "does: per id the highest valid version is active and the versions below it are not "
        + "checked; one line per problem of the rows the job would refuse.")
    boolean asJob;

    @Override
    public Integer call() {
      if (asJob) {
        return validateAsJob();
      }
      RuleCheck check;
      if (source.files != null) {
        check = RuleCheck.ofFiles(source.files);
      } else {
        try (RuleDatabase database = source.jdbc.open(spec.commandLine())) {
          check = RuleCheck.ofTableRows(database.readAll());
        }
      }
      PrintWriter out = spec.commandLine().getOut();
      if (check.isValid()) {
        out.println(check.rules().size() + " rule(s) valid");
        return 0;
      }
      check.problemLines().forEach(out::println);
      return 1;
    }

    private int validateAsJob() {
      if (source.jdbc == null) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--as-job needs --jdbc");
      }
      ActiveRules.Selection selection;
      try (RuleDatabase database = source.jdbc.open(spec.commandLine())) {
        selection = asJob(database.readAll());
      }
      PrintWriter out = spec.commandLine().getOut();
      selection.errors().forEach(out::println);
      out.println(selection.active().size() + " rule(s) active");
      return selection.errors().isEmpty() ? 0 : 1;
    }
  }

  /** The rows a job reading a table with {@code rows} runs, and those it refuses. */
  static ActiveRules.Selection asJob(List<RuleRow> rows) {
    return ActiveRules.select(rows, RuleValidator.engine());
  }

  @Command(name = "explain", mixinStandardHelpOptions = true,
      description = {"Print every rule's compiled automaton: states, transitions, windows.",
          "Of a table: the rules a job reading it runs (per id the highest version that is "
              + "valid); the rows it would refuse are named on stderr."})
  static final class Explain implements Callable<Integer> {
    @Spec CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    @Option(names = "--format", defaultValue = "text",
        description = "text, dot (Graphviz) or mermaid (default ${DEFAULT-VALUE}).")
    AutomatonPrinter.Format format;

    @Override
    public Integer call() {
      RuleCheck check;
      if (source.files != null) {
        check = RuleCheck.ofFiles(source.files);
        if (!check.isValid()) {
          throw new UserError(String.join("; ", check.problemLines()));
        }
      } else {
        try (RuleDatabase database = source.jdbc.open(spec.commandLine())) {
          check = activeRules(database.readAll());
        }
      }
      PrintWriter out = spec.commandLine().getOut();
      for (RuleCheck.Checked rule : check.rules()) {
        out.print(AutomatonPrinter.print(rule.compiled(), format));
      }
      return 0;
    }

    /** The rows a job would run, as its rule source chooses them; the others named on stderr. */
    private RuleCheck activeRules(List<RuleRow> rows) {
      ActiveRules.Selection selection = asJob(rows);
      PrintWriter err = spec.commandLine().getErr();
      for (RuleError error : selection.errors()) {
        err.println("not active: " + error);
      }
      err.flush();
      return RuleCheck.ofTableRows(selection.active());
    }
  }

  @Command(name = "push", mixinStandardHelpOptions = true,
      description = {"Insert the files' rule rows into a rule table (created if absent). An id "
          + "that exists gets its highest version plus one, so the pushed row becomes active. "
          + "Nothing is inserted unless every row is valid.",
          "A row whose pattern and function are those of its id's highest version is left out: "
              + "a new version makes a running job start the rule afresh, dropping its partial "
              + "matches."})
  static final class Push implements Callable<Integer> {
    @Spec CommandSpec spec;

    /** The table pushed to: the options a table source takes, all required here too. */
    @Mixin Jdbc target;

    @Option(names = "--force", description = "Insert a new version of an unchanged rule too "
        + "(a running job then starts it afresh).")
    boolean force;

    @Option(names = "--dry-run", description = "Say what the push would insert and leave out, "
        + "with the versions it would give, and change nothing.")
    boolean dryRun;

    @Parameters(arity = "1..*", paramLabel = "FILE",
        description = "Files holding a JSON array of rule rows each, pushed in one transaction.")
    List<Path> files;

    @Override
    public Integer call() {
      RuleCheck check = RuleCheck.ofFiles(files);
      PrintWriter out = spec.commandLine().getOut();
      if (!check.isValid()) {
        check.problemLines().forEach(out::println);
        out.println("nothing pushed");
        return 1;
      }
      List<RuleDatabase.Pushed> pushed;
      try (RuleDatabase database = target.open(spec.commandLine())) {
        pushed = database.push(check.rules().stream()
            .map(r -> new RuleRow(r.rule().id(), r.rule().version(),
                RuleJson.toJson(r.rule().pattern()), r.rule().function()))
            .toList(), force, dryRun);
      }
      for (RuleDatabase.Pushed push : pushed) {
        RuleRow row = push.row();
        out.println(push.inserted()
            ? (dryRun ? "would push rule " : "pushed rule ") + row.id() + " v" + row.version()
                + " into " + target.table
            : "rule " + row.id() + " v" + row.version() + " in " + target.table + " is the same "
                + "rule: not pushed (--force pushes it as a new version)");
      }
      if (dryRun) {
        out.println("nothing pushed (--dry-run)");
      }
      return 0;
    }
  }

  @Command(name = "remove", mixinStandardHelpOptions = true,
      description = {"Delete every version of the rules named from a rule table, in one "
          + "transaction, so that a job reading it stops running them at its next poll and drops "
          + "their partial matches (deleting only the highest version would make the job run the "
          + "one below it). Nothing is removed unless every rule named is in the table.",
          "With --only-version, only that version of one rule: a rollback when it is the highest, "
              + "after which the job runs the next valid version, afresh."})
  static final class Remove implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Mixin Jdbc target;

    @Option(names = "--only-version", paramLabel = "N",
        description = "Remove only version N of the one rule named.")
    Integer version;

    @Option(names = "--dry-run", description = "Say what the removal would remove and what a "
        + "job reading the table would run then, and change nothing.")
    boolean dryRun;

    @Parameters(arity = "1..*", paramLabel = "ID", description = "Ids of the rules to remove.")
    List<String> ids;

    @Override
    public Integer call() {
      if (version != null && ids.size() > 1) {
        throw new CommandLine.ParameterException(spec.commandLine(),
            "--only-version removes a version of one rule; " + ids.size() + " were named");
      }
      List<RuleDatabase.Removed> removed;
      try (RuleDatabase database = target.open(spec.commandLine())) {
        removed = database.remove(ids, version == null ? OptionalInt.empty()
            : OptionalInt.of(version), RuleValidator.engine(), dryRun);
      }
      PrintWriter out = spec.commandLine().getOut();
      for (RuleDatabase.Removed rule : removed) {
        out.println((dryRun ? "would remove rule " : "removed rule ") + rule.id() + " "
            + RuleDatabase.versionList(rule.versions()) + " from " + target.table + ": "
            + whatAJobRunsNow(rule, dryRun));
      }
      if (dryRun) {
        out.println("nothing removed (--dry-run)");
      }
      return 0;
    }

    /** What a job reading the table runs after the removal, or would run after it. */
    private static String whatAJobRunsNow(RuleDatabase.Removed rule, boolean dryRun) {
      String job = dryRun ? "a job reading the table would " : "a job reading the table ";
      if (rule.activeAfter().isEmpty()) {
        return rule.activeBefore().isEmpty()
            ? "no version of it was valid, and a job reading the table ran none"
            : job + (dryRun ? "stop" : "stops") + " running it at its next poll";
      }
      RuleRow now = rule.activeAfter().get();
      if (rule.activeBefore().equals(rule.activeAfter())) {
        return job + (dryRun ? "go" : "goes") + " on running v" + now.version();
      }
      return job + (dryRun ? "run" : "runs") + " v" + now.version() + " from its next poll, "
          + "afresh";
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true,
      description = {"One line per rule of a rule table: the version a job reading it runs (per "
          + "id the highest valid one), the versions the table holds, and below it each version "
          + "the job refuses, with the JSON path and reason."})
  static final class ListRules implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Mixin Jdbc source;

    @Override
    public Integer call() {
      List<RuleRow> rows;
      try (RuleDatabase database = source.open(spec.commandLine())) {
        rows = database.readAll();
      }
      ActiveRules.Selection selection = asJob(rows);
      Map<String, List<Integer>> held = new TreeMap<>();
      for (RuleRow row : rows) {
        held.computeIfAbsent(row.id(), id -> new ArrayList<>()).add(row.version());
      }
      Map<String, RuleRow> active = new HashMap<>();
      selection.active().forEach(row -> active.put(row.id(), row));
      Map<String, List<RuleError>> refused = new HashMap<>();
      for (RuleError error : selection.errors()) {
        refused.computeIfAbsent(error.id(), id -> new ArrayList<>()).add(error);
      }
      PrintWriter out = spec.commandLine().getOut();
      held.forEach((id, versions) -> {
        versions.sort(null);
        RuleRow running = active.get(id);
        out.println("rule " + id + ": " + (running == null ? "no version active"
            : "v" + running.version() + " active") + "; held: "
            + RuleDatabase.versionList(versions));
        for (RuleError error : refused.getOrDefault(id, List.of())) {
          out.println("  " + (error.version() == null ? "" : "v" + error.version() + " ")
              + "refused at " + error.jsonPath() + ": " + error.reason());
        }
      });
      out.println(held.size() + " rule(s), " + active.size() + " active");
      return 0;
    }
  }
}
