package io.beamcep.pipeline;

import io.beamcep.pipeline.jdbc.PasswordFile;
import io.beamcep.pipeline.rules.RuleTable;
import io.beamcep.pipeline.sink.JdbcAlerts;
import java.nio.file.Path;

/**
 * The databases a job's options name: the rule table's, and the jdbc sink's, which is the rule
 * table's unless --resultJdbcUrl names another; with the passwords read from their files where
 * the job is launched.
 */
final class JobDatabases {
  private JobDatabases() {}

  /**
   * The jdbc sink: in the --resultJdbcUrl database under its own user when given, else in the
   * rule table's database under the rules' user.
   */
  static JdbcAlerts jdbcAlerts(CepPipelineOptions options) {
    return jdbcSinkDatabase(options).withMaxRetries(options.getJdbcSinkMaxRetries());
  }

  private static JdbcAlerts jdbcSinkDatabase(CepPipelineOptions options) {
    if (!options.getResultJdbcUrl().isBlank()) {
      String user = options.getResultJdbcUser();
      String file = options.getResultJdbcPasswordFile();
      return JdbcAlerts.to(options.getResultJdbcUrl(), user.isBlank() ? null : user,
          file.isBlank() ? null : PasswordFile.read(Path.of(file), "--resultJdbcPasswordFile"),
          options.getResultTable());
    }
    if (!options.getResultJdbcUser().isBlank() || !options.getResultJdbcPasswordFile().isBlank()) {
      throw new IllegalArgumentException("--resultJdbcUser and --resultJdbcPasswordFile sign the "
          + "jdbc sink in to --resultJdbcUrl, which is not given");
    }
    return JdbcAlerts.to(
        CepPipeline.required(options.getJdbcUrl(), "--jdbcUrl or --resultJdbcUrl (for the jdbc "
            + "sink)"),
        options.getJdbcUser(),
        jdbcPassword(options),
        options.getResultTable());
  }

  static RuleTable ruleTable(CepPipelineOptions options) {
    return RuleTable.of(options.getJdbcUrl(), options.getJdbcUser(), jdbcPassword(options),
        options.getTableName());
  }

  /**
   * The database's password: --jdbcPasswordFile's content, read here, where the job is launched
   * (it travels inside the job's transforms, as --jdbcPassword's does), else --jdbcPassword.
   */
  private static String jdbcPassword(CepPipelineOptions options) {
    String file = options.getJdbcPasswordFile();
    return PasswordFile.orGiven(options.getJdbcPassword(), file.isBlank() ? null : Path.of(file),
        "--jdbcPassword", "--jdbcPasswordFile");
  }
}
