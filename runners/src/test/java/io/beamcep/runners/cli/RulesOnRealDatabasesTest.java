package io.beamcep.runners.cli;

import static io.beamcep.runners.CepRunner.cep;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.beamcep.pipeline.testing.Databases;
import io.beamcep.runners.CepRunner;
import io.beamcep.runners.Expected;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code rules push} creates the table (a dry run does not), leaves an unchanged rule and bumps
 * versions (the function column read back for the comparison), {@code rules validate --jdbc} and
 * {@code rules list} read it back, and {@code rules remove} deletes a version and a rule, on the
 * real MariaDB and PostgreSQL (where {@code function} needs quoting rules of its own) as well as
 * H2.
 */
class RulesOnRealDatabasesTest {

  @ParameterizedTest
  @EnumSource(Databases.class)
  void pushThenValidateTheTable(Databases database) {
    String table = "cep_push_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    String[] target = {"--jdbc", database.url(), "--table", table, "--user", database.user(),
        "--password", database.password()};
    try {
      CepRunner dryRun = cep(concat(new String[] {"rules", "push", "--dry-run"}, target,
          new String[] {Expected.rules(4).toString()}));
      assertThat(dryRun.err(), dryRun.out(), equalTo("would push rule 1 v1 into " + table
          + "\nnothing pushed (--dry-run)\n"));
      assertThat("no table made by a dry run",
          cep(concat(new String[] {"rules", "list"}, target)).exitCode(), equalTo(1));
      CepRunner first = cep(concat(new String[] {"rules", "push"}, target,
          new String[] {Expected.rules(4).toString()}));
      assertThat(first.err(), first.exitCode(), equalTo(0));
      CepRunner same = cep(concat(new String[] {"rules", "push"}, target,
          new String[] {Expected.rules(4).toString()}));
      assertThat(same.out(), containsString("rule 1 v1 in " + table + " is the same rule"));
      CepRunner second = cep(concat(new String[] {"rules", "push", "--force"}, target,
          new String[] {Expected.rules(4).toString()}));
      assertThat(second.out(), containsString("pushed rule 1 v2 into " + table));
      CepRunner validate = cep(concat(new String[] {"rules", "validate"}, target));
      assertThat(validate.err(), validate.exitCode(), equalTo(0));
      assertThat(validate.out(), containsString("2 rule(s) valid"));
    } finally {
      database.execute("DROP TABLE IF EXISTS " + table);
    }
  }

  /**
   * Scenario 4's rule pushed twice (v1, v2) and listed, a dry run of removing it, then its v2
   * removed, then the rule. Expected: v2 is listed as active, the dry run removes nothing (the
   * rollback that follows still finds v2), the rollback to v1 and the removal are said as what a
   * job reading the table runs, and the table is left with no rule a job would run.
   */
  @ParameterizedTest
  @EnumSource(Databases.class)
  void pushListThenRemoveAVersionThenTheRule(Databases database) {
    String table = "cep_remove_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    String[] target = {"--jdbc", database.url(), "--table", table, "--user", database.user(),
        "--password", database.password()};
    String[] rules = {Expected.rules(4).toString()};
    try {
      assertThat(cep(concat(new String[] {"rules", "push"}, target, rules)).exitCode(),
          equalTo(0));
      assertThat(cep(concat(new String[] {"rules", "push", "--force"}, target, rules)).exitCode(),
          equalTo(0));
      CepRunner list = cep(concat(new String[] {"rules", "list"}, target));
      assertThat(list.err(), list.out(),
          equalTo("rule 1: v2 active; held: v1, v2\n1 rule(s), 1 active\n"));
      CepRunner dryRun = cep(concat(new String[] {"rules", "remove", "--dry-run"}, target,
          new String[] {"1"}));
      assertThat(dryRun.err(), dryRun.out(), equalTo("would remove rule 1 v1, v2 from " + table
          + ": a job reading the table would stop running it at its next poll\n"
          + "nothing removed (--dry-run)\n"));
      CepRunner rollback = cep(concat(new String[] {"rules", "remove", "--only-version", "2"},
          target, new String[] {"1"}));
      assertThat(rollback.err(), rollback.out(), equalTo("removed rule 1 v2 from " + table
          + ": a job reading the table runs v1 from its next poll, afresh\n"));
      CepRunner remove = cep(concat(new String[] {"rules", "remove"}, target,
          new String[] {"1"}));
      assertThat(remove.err(), remove.out(), equalTo("removed rule 1 v1 from " + table
          + ": a job reading the table stops running it at its next poll\n"));
      CepRunner validate = cep(concat(new String[] {"rules", "validate", "--as-job"}, target));
      assertThat(validate.out(), equalTo("0 rule(s) active\n"));
    } finally {
      database.execute("DROP TABLE IF EXISTS " + table);
    }
  }

  /**
   * A rule table that is not there, read by the commands and by a job's launch check. Expected:
   * both say that there is no such table (PostgreSQL's own words were 'ERROR: relation "t" does
   * not exist Position: 15'), exit 1.
   */
  @ParameterizedTest
  @EnumSource(Databases.class)
  void aRuleTableThatIsNotThereIsSaidToBeMissing(Databases database) {
    String table = "cep_absent_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);

    CepRunner list = cep("rules", "list", "--jdbc", database.url(), "--table", table, "--user",
        database.user(), "--password", database.password());
    CepRunner launch = cep("run", "--dry-run", "--runner=DirectRunner",
        "--jdbcUrl=" + database.url(), "--tableName=" + table, "--jdbcUser=" + database.user(),
        "--jdbcPassword=" + database.password());

    assertThat(list.exitCode(), equalTo(1));
    assertThat(list.err(), containsString("cannot read table " + table + " in " + database.url()
        + ": there is no such table (cep rules push makes it)"));
    assertThat(launch.exitCode(), equalTo(1));
    assertThat(launch.err(), containsString("cannot read rule table " + table + " at "
        + database.url() + ": there is no such table (cep rules push makes it); a job started "
        + "now would match nothing"));
  }

  /**
   * A MariaDB user with a password, given in --password-file (as a mounted secret, with a line
   * break at its end), then a wrong one, then both ways at once. Expected: push and validate sign
   * in; the wrong password is refused with the database's reason (exit 1); a password given twice
   * is a usage error naming both options (exit 2).
   */
  @Test
  void aPasswordFileSignsTheRulesCommandsIn(@TempDir Path dir) throws IOException {
    Databases.MARIADB.userWithPassword("cep_pusher", "pusher-secret");
    Path secret = Files.writeString(dir.resolve("password"), "pusher-secret\n");
    String table = "cep_push_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    String[] target = {"--jdbc", Databases.MARIADB.url(), "--table", table, "--user",
        "cep_pusher", "--password-file", secret.toString()};
    try {
      CepRunner push = cep(concat(new String[] {"rules", "push"}, target,
          new String[] {Expected.rules(4).toString()}));
      assertThat(push.err(), push.exitCode(), equalTo(0));
      CepRunner validate = cep(concat(new String[] {"rules", "validate"}, target));
      assertThat(validate.err(), validate.exitCode(), equalTo(0));
      assertThat(validate.out(), containsString("1 rule(s) valid"));

      Files.writeString(secret, "not-pusher-secret");
      CepRunner denied = cep(concat(new String[] {"rules", "validate"}, target));
      assertThat(denied.exitCode(), equalTo(1));
      assertThat(denied.err(), containsString("Access denied for user 'cep_pusher'"));

      CepRunner twice = cep(concat(new String[] {"rules", "validate"}, target,
          new String[] {"--password", "pusher-secret"}));
      assertThat(twice.exitCode(), equalTo(2));
      assertThat(twice.err(), containsString(
          "--password and --password-file both give the password: leave one out"));
    } finally {
      Databases.MARIADB.execute("DROP TABLE IF EXISTS " + table);
    }
  }

  private static String[] concat(String[]... parts) {
    return java.util.Arrays.stream(parts).flatMap(java.util.Arrays::stream).toArray(String[]::new);
  }
}
