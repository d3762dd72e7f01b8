package io.beamcep.pipeline.rules;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.sameInstance;

import io.beamcep.pipeline.testing.Databases;
import io.beamcep.pipeline.testing.Databases.RuleTableFixture;
import java.net.URL;
import java.net.URLClassLoader;
import java.sql.Connection;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The rule table is read from a job's own class loader, as on a Flink cluster where every job of
 * the jar gets one and the JVM's DriverManager already holds the drivers of the job before it.
 */
class RuleTableClassLoaderTest {

  @Test
  void aJobsFirstPollReadsTheTableWhenAnotherLoaderRegisteredTheDriverFirst() throws Exception {
    // the "earlier job": this test's loader registers MariaDB's driver with DriverManager
    try (Connection earlier = Databases.MARIADB.connect();
        RuleTableFixture table = Databases.MARIADB.newRuleTable("loader_rules")) {
      table.insert("1", 1, "{}", null);
      try (URLClassLoader job = jobLoader()) {
        Class<?> ruleTable = job.loadClass(RuleTable.class.getName());
        assertThat("the job's own copy of the class", ruleTable, not(sameInstance(RuleTable.class)));
        Object source = ruleTable
            .getMethod("of", String.class, String.class, String.class, String.class)
            .invoke(null, Databases.MARIADB.url(), Databases.MARIADB.user(),
                Databases.MARIADB.password(), table.name());

        // the first poll, not a retry: DriverManager refused it ("No suitable driver")
        List<?> rows = (List<?>) ruleTable.getMethod("readAll").invoke(source);

        assertThat(rows, hasSize(1));
      }
    }
  }

  /**
   * A loader like a Flink job's: the pipeline's classes and MariaDB's driver, and above them only
   * the JDK's platform classes (java.sql), so nothing is shared with this test's loader.
   */
  private static URLClassLoader jobLoader() throws Exception {
    URL pipelineClasses = RuleTable.class.getProtectionDomain().getCodeSource().getLocation();
    URL mariadb = Class.forName("org.mariadb.jdbc.Driver").getProtectionDomain().getCodeSource()
        .getLocation();
    return new URLClassLoader(new URL[] {pipelineClasses, mariadb},
        ClassLoader.getPlatformClassLoader());
  }
}
