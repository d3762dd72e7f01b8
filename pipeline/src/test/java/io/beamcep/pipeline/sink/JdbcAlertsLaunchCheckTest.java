package io.beamcep.pipeline.sink;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The jdbc sink's launch check ({@link JdbcAlerts#checkWritable}) on a database that hangs. */
class JdbcAlertsLaunchCheckTest {

  /**
   * Database: a server that takes the connection and never answers, as one behind a proxy whose
   * database is gone. Expected: the check gives up with the driver's reason within its bound
   * (5 s), where MariaDB's driver would wait its default 30 s (measured: 30.3 s).
   */
  @Test
  void aDatabaseThatTakesTheConnectionAndNeverAnswersIsRefusedWithinTheBound()
      throws IOException {
    List<Socket> held = new ArrayList<>();
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      Thread acceptor = new Thread(() -> {
        try {
          while (true) {
            held.add(silent.accept());
          }
        } catch (IOException closed) {
          // the test is over
        }
      }, "silent-database");
      acceptor.setDaemon(true);
      acceptor.start();
      JdbcAlerts sink = JdbcAlerts.to(
          "jdbc:mariadb://127.0.0.1:" + silent.getLocalPort() + "/test", "root", "", "alerts");

      SQLException refused = assertTimeoutPreemptively(Duration.ofSeconds(20),
          () -> assertThrows(SQLException.class, sink::checkWritable));
      assertThat(refused.getMessage(), containsString("timeout"));
    } finally {
      for (Socket socket : held) {
        socket.close();
      }
    }
  }
}
