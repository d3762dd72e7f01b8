package io.beamcep.pipeline.jdbc;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Properties;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * Opens JDBC connections with the drivers that this class's own class loader sees, before asking
 * {@link DriverManager}.
 *
 * <p>DriverManager lends a caller only driver instances registered from the caller's loader, and
 * scans for drivers once per JVM, with the loader of whoever used it first. On a Flink cluster each
 * job has a loader of its own: the first job's drivers were registered, and every later job of the
 * same jar on that TaskManager had its first connection refused with "No suitable driver" (the
 * refusal itself loads the job's driver, which then registers, so the next attempt worked): the
 * rule poller's first poll failed, the JDBC alert sink's task failed and restarted. Static state
 * here belongs to one loader, so each job finds its own drivers.
 */
public final class JdbcDrivers {
  private static volatile List<Driver> drivers;

  private JdbcDrivers() {}

  /**
   * A connection to {@code url} with {@code properties} (user, password, driver settings) from the
   * first of this loader's drivers that accepts the URL, else from DriverManager.
   */
  public static Connection connect(String url, Properties properties) throws SQLException {
    for (Driver driver : drivers()) {
      if (driver.acceptsURL(url)) {
        Connection connection = driver.connect(url, properties);
        if (connection != null) {
          return connection;
        }
      }
    }
    // a driver on the JVM's own class path, which DriverManager lends to everyone
    return DriverManager.getConnection(url, properties);
  }

  /**
   * {@link #connect(String, Properties)} with a user and a password, each left out when null, as
   * {@link DriverManager#getConnection(String, String, String)} does.
   */
  public static Connection connect(String url, String user, String password)
      throws SQLException {
    Properties credentials = new Properties();
    if (user != null) {
      credentials.setProperty("user", user);
    }
    if (password != null) {
      credentials.setProperty("password", password);
    }
    return connect(url, credentials);
  }

  /**
   * {@link #connect(String, String, String)}, with the connect bounded by {@code timeout} for the
   * drivers whose setting for it we know (MariaDB/MySQL in milliseconds, PostgreSQL in seconds):
   * a database that drops the packets, or accepts and never answers, fails the call instead of
   * holding it as long as the driver's default (30 s for MariaDB's, measured with a server that
   * accepts and says nothing).
   */
  public static Connection connect(String url, String user, String password, Duration timeout)
      throws SQLException {
    Properties properties = new Properties();
    if (user != null && !user.isEmpty()) {
      properties.setProperty("user", user);
    }
    if (password != null && !password.isEmpty()) {
      properties.setProperty("password", password);
    }
    if (url.startsWith("jdbc:mariadb:") || url.startsWith("jdbc:mysql:")) {
      properties.setProperty("connectTimeout", String.valueOf(timeout.toMillis()));
    } else if (url.startsWith("jdbc:postgresql:")) {
      properties.setProperty("connectTimeout", String.valueOf(Math.max(1, timeout.toSeconds())));
    }
    return connect(url, properties);
  }

  /** The drivers this loader provides (java.sql.Driver service entries), found once. */
  private static List<Driver> drivers() {
    List<Driver> known = drivers;
    if (known == null) {
      List<Driver> found = new ArrayList<>();
      Iterator<Driver> entries =
          ServiceLoader.load(Driver.class, JdbcDrivers.class.getClassLoader()).iterator();
      while (true) {
        try {
          if (!entries.hasNext()) {
            break;
          }
          found.add(entries.next());
        } catch (ServiceConfigurationError unloadable) {
          // an entry whose class is missing or broken: the others still serve
        }
      }
      known = List.copyOf(found);
      drivers = known;
    }
    return known;
  }
}
