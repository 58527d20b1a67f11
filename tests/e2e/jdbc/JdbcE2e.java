// End to end with pgjdbc (Debian's libpostgresql-jdbc-java, /usr/share/java/postgresql.jar), the
// way Java tools talk to Eddy. pgjdbc sends everything through the extended query protocol:
// DDL, SET and SHOW too, prepared statements named on the server from their first execution
// (prepareThreshold=1), binary parameters and results, a fetch size read as Execute with a row
// limit and PortalSuspended, batches of Bind/Execute under one Sync.
//
//   tests/e2e/jdbc_e2e.sh PATH_TO_EDDY   (compiles this file, starts a server, runs it)
//   java -cp postgresql.jar:CLASSES JdbcE2e JDBC_URL SERVER_LOG
//
// SERVER_LOG is the server's output at --log-level debug: its "bind" lines show which formats
// pgjdbc asked for, so the binary checks cannot pass on text alone. Prints one TAP-style
// "ok N - ..." / "not ok N - ..." line per check; exits 1 when any failed.
//
// The file is a list of sections (see main), each a static method taking a fresh connection.

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.Date;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.Properties;
import org.postgresql.util.PGInterval;

public final class JdbcE2e {
  private static int checks = 0;
  private static int failures = 0;

  private static void check(boolean ok, String name, String detail) {
    checks++;
    System.out.println((ok ? "ok " : "not ok ") + checks + " - " + name);
    if (!ok) {
      failures++;
      if (detail != null && !detail.isEmpty()) System.out.println("    " + detail.replace("\n", "\n    "));
    }
    System.out.flush();
  }

  private static void equal(String name, Object want, Object got) {
    check(Objects.equals(want, got), name, "expected: " + want + "\n     got: " + got);
  }

  // Runs body; returns the SQLSTATE of the SQLException it threw, or null.
  private interface Body {
    void run() throws Exception;
  }

  private static String sqlstate(Body body) throws Exception {
    try {
      body.run();
    } catch (SQLException e) {
      return e.getSQLState();
    }
    return null;
  }

  private interface Section {
    void run(Connection c) throws Exception;
  }

  private static String url;
  private static Path serverLog;

  // Runs one section on a fresh connection with `options` ("key=value&..." appended to the URL).
  private static void section(String name, String options, Section body) {
    String full = url + (options.isEmpty() ? "" : (url.contains("?") ? "&" : "?") + options);
    try (Connection c = DriverManager.getConnection(full)) {
      body.run(c);
    } catch (Exception e) {
      java.io.StringWriter trace = new java.io.StringWriter();
      e.printStackTrace(new java.io.PrintWriter(trace));
      check(false, name + ": no unexpected exception", trace.toString());
    }
  }

  public static void main(String[] args) throws Exception {
    if (args.length != 2) {
      System.err.println("usage: JdbcE2e JDBC_URL SERVER_LOG");
      System.exit(2);
    }
    url = args[0];
    serverLog = Path.of(args[1]);

    section("product and driver", "", JdbcE2e::productAndDriver);
    // DatabaseMetaData calls that read pg_catalog (getTables, getColumns, getPrimaryKeys,
    // getTypeInfo, getSchemas) belong in a "metadata" section of their own, added here as
    //   section("metadata", "", JdbcE2e::metadata);
    // with its method beside productAndDriver, once Eddy serves pg_catalog. So does
    // setObject(PGInterval) / getObject on an interval column: pgjdbc looks "interval" up in
    // pg_type first (the sections below send intervals as text with Types.OTHER instead).
    section("statements through the extended protocol", "", JdbcE2e::extendedStatements);
    section("prepared statements, binary", "prepareThreshold=1", JdbcE2e::preparedBinary);
    section("prepared statements, text", "prepareThreshold=0&binaryTransfer=false", JdbcE2e::preparedText);
    section("errors", "prepareThreshold=1", JdbcE2e::errors);
    section("fetch size", "prepareThreshold=1", JdbcE2e::fetchSize);
    section("transactions", "", JdbcE2e::transactions);

    System.out.println(checks + " checks, " + failures + " failed");
    System.exit(failures == 0 ? 0 : 1);
  }

  // ---- sections ----------------------------------------------------------------------------

  static void productAndDriver(Connection c) throws Exception {
    DatabaseMetaData md = c.getMetaData();
    equal("getDatabaseProductName", "PostgreSQL", md.getDatabaseProductName());
    String version = md.getDatabaseProductVersion();
    check(version.startsWith("15."), "getDatabaseProductVersion is 15.x", version);
    equal("getDatabaseMajorVersion", 15, md.getDatabaseMajorVersion());
    equal("getDriverName", "PostgreSQL JDBC Driver", md.getDriverName());
    equal("getUserName", "eddy", md.getUserName());
    check(c.isValid(5), "isValid (an empty query: EmptyQueryResponse)", "");
  }

  static void extendedStatements(Connection c) throws Exception {
    try (Statement s = c.createStatement()) {
      check(!s.execute("CREATE TABLE kv (k TEXT PRIMARY KEY, v BIGINT)"), "CREATE TABLE through Parse/Bind/Execute", "");
      s.execute("SET application_name = 'jdbc-e2e'");
      try (ResultSet rs = s.executeQuery("SHOW application_name")) {
        check(rs.next(), "SHOW returns a row", "");
        equal("SET then SHOW", "jdbc-e2e", rs.getString(1));
      }
      equal("INSERT update count", 2, s.executeUpdate("INSERT INTO kv VALUES ('a', 1), ('b', 2)"));
      try (ResultSet rs = s.executeQuery("SELECT count(*), sum(v) FROM kv")) {
        rs.next();
        equal("count(*) as long", 2L, rs.getLong(1));
        equal("sum as long", 3L, rs.getLong(2));
      }
      // A batch: many Bind/Execute pairs under one Sync.
      try (PreparedStatement p = c.prepareStatement("INSERT INTO kv VALUES (?, ?)")) {
        for (int i = 0; i < 50; i++) {
          p.setString(1, "batch" + i);
          p.setLong(2, i);
          p.addBatch();
        }
        int[] counts = p.executeBatch();
        int total = 0;
        for (int n : counts) total += n;
        equal("executeBatch inserts every row", 50, total);
      }
      try (ResultSet rs = s.executeQuery("SELECT count(*) FROM kv")) {
        rs.next();
        equal("the batch is there", 52L, rs.getLong(1));
      }
    }
  }

  // One row per DIALECT.md type; row 0 all NULL.
  private static final String TYPES_TABLE =
      "CREATE TABLE %s (id BIGINT PRIMARY KEY, b BOOLEAN, s SMALLINT, i INTEGER, r REAL, d DOUBLE PRECISION, "
          + "n NUMERIC, t TEXT, v VARCHAR(20), ts TIMESTAMP, tz TIMESTAMPTZ, dt DATE, iv INTERVAL, j JSONB)";

  private static Timestamp timestampOf(int k) {
    return Timestamp.valueOf(String.format("2026-11-%02d 10:%02d:00.123456", k, k));
  }

  private static OffsetDateTime offsetOf(int k) {
    return OffsetDateTime.of(2026, 11, k, 8, k, 30, 500000000, ZoneOffset.UTC);
  }

  private static PGInterval intervalOf(int k) throws SQLException {
    return new PGInterval(0, k, k, 1, 2, 3.5);
  }

  private static void insertTypedRows(Connection c, String table) throws Exception {
    try (Statement s = c.createStatement()) {
      s.execute(String.format(TYPES_TABLE, table));
    }
    try (PreparedStatement p = c.prepareStatement("INSERT INTO " + table + " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
      p.setLong(1, 0);
      int[] sqlTypes = {Types.BOOLEAN, Types.SMALLINT, Types.INTEGER, Types.REAL, Types.DOUBLE, Types.NUMERIC,
                        Types.VARCHAR, Types.VARCHAR, Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE, Types.DATE,
                        Types.OTHER, Types.OTHER};
      for (int col = 2; col <= 14; col++) p.setNull(col, sqlTypes[col - 2]);
      equal(table + ": a row of NULLs", 1, p.executeUpdate());
      for (int k = 1; k <= 7; k++) {  // more executions than any prepareThreshold
        p.setLong(1, k);
        p.setBoolean(2, k % 2 == 0);
        p.setShort(3, (short) (-k));
        p.setInt(4, k * 100000);
        p.setFloat(5, 1.5f * k);
        p.setDouble(6, -2.25 * k);
        p.setBigDecimal(7, new BigDecimal("12.345").multiply(BigDecimal.valueOf(k)));
        p.setString(8, "h\u00e9llo " + k + " 'q'");
        p.setString(9, "v" + k);
        p.setTimestamp(10, timestampOf(k));
        p.setObject(11, offsetOf(k));
        p.setDate(12, Date.valueOf(String.format("2026-11-%02d", k)));
        p.setObject(13, intervalOf(k).getValue(), Types.OTHER);
        p.setObject(14, "{\"k\": " + k + ", \"a\": [1, 2]}", Types.OTHER);
        p.executeUpdate();
      }
    }
  }

  // Reads the rows back with a prepared SELECT run several times, comparing every getter.
  private static void readTypedRows(Connection c, String table) throws Exception {
    try (PreparedStatement p = c.prepareStatement("SELECT * FROM " + table + " WHERE id = ?")) {
      int good = 0;
      String firstBad = "";
      for (int k = 1; k <= 7; k++) {
        p.setLong(1, k);
        try (ResultSet rs = p.executeQuery()) {
          if (!rs.next()) {
            firstBad = "no row " + k;
            break;
          }
          String bad = "";
          if (rs.getLong("id") != k) bad += " id";
          if (rs.getBoolean("b") != (k % 2 == 0)) bad += " b";
          if (rs.getShort("s") != -k) bad += " s";
          if (rs.getInt("i") != k * 100000) bad += " i";
          if (rs.getFloat("r") != 1.5f * k) bad += " r";
          if (rs.getDouble("d") != -2.25 * k) bad += " d";
          if (rs.getBigDecimal("n").compareTo(new BigDecimal("12.345").multiply(BigDecimal.valueOf(k))) != 0) bad += " n";
          if (!rs.getString("t").equals("h\u00e9llo " + k + " 'q'")) bad += " t";
          if (!rs.getString("v").equals("v" + k)) bad += " v";
          if (!rs.getTimestamp("ts").equals(timestampOf(k))) bad += " ts=" + rs.getTimestamp("ts");
          if (!rs.getObject("tz", OffsetDateTime.class).isEqual(offsetOf(k))) bad += " tz=" + rs.getString("tz");
          if (!rs.getDate("dt").equals(Date.valueOf(String.format("2026-11-%02d", k)))) bad += " dt";
          if (!new PGInterval(rs.getString("iv")).equals(intervalOf(k))) bad += " iv=" + rs.getString("iv");
          if (!rs.getString("j").equals("{\"a\": [1, 2], \"k\": " + k + "}")) bad += " j=" + rs.getString("j");
          if (rs.next()) bad += " (a second row)";
          if (bad.isEmpty()) good++;
          else if (firstBad.isEmpty()) firstBad = "row " + k + ":" + bad;
        }
      }
      equal(table + ": every value of 7 rows reads back equal", "", firstBad);
      equal(table + ": rows checked", 7, good);
      p.setLong(1, 0);
      try (ResultSet rs = p.executeQuery()) {
        check(rs.next(), table + ": the NULL row is there", "");
        int nulls = 0;
        for (int col = 2; col <= 14; col++)
          if (rs.getString(col) == null && rs.wasNull()) nulls++;
        equal(table + ": NULL of every type reads back as null", 13, nulls);
      }
    }
  }

  // Counts the server's debug lines for Binds whose text contains `needle`.
  private static long bindLines(String needle) throws Exception {
    return Files.readAllLines(serverLog).stream().filter(l -> l.contains("[debug] bind ") && l.contains(needle)).count();
  }

  static void preparedBinary(Connection c) throws Exception {
    long before = bindLines("results 1");
    insertTypedRows(c, "typed_binary");
    readTypedRows(c, "typed_binary");
    check(bindLines("int8/1") > 0 && bindLines("float8/1") > 0 && bindLines("numeric/1") > 0,
          "pgjdbc sent int8, float8 and numeric parameters in binary", "");
    check(bindLines("results 1") > before, "pgjdbc asked for binary results", "");
  }

  static void preparedText(Connection c) throws Exception {
    insertTypedRows(c, "typed_text");
    readTypedRows(c, "typed_text");
  }

  static void errors(Connection c) throws Exception {
    try (Statement s = c.createStatement()) {
      s.execute("CREATE TABLE u (id BIGINT PRIMARY KEY)");
    }
    try (PreparedStatement p = c.prepareStatement("INSERT INTO u VALUES (?)")) {
      p.setLong(1, 1);
      p.executeUpdate();
      equal("a duplicate key through a prepared statement: 23505", "23505", sqlstate(p::executeUpdate));
    }
    try (Statement s = c.createStatement()) {
      equal("an unknown table: 42P01", "42P01", sqlstate(() -> s.executeQuery("SELECT * FROM nope")));
      equal("a syntax error: 42601", "42601", sqlstate(() -> s.executeQuery("SELEC 1")));
    }
    try (PreparedStatement p = c.prepareStatement("SELECT ? + 1")) {
      p.setString(1, "abc");  // varchar parameter: no varchar + integer operator, as in PostgreSQL
      equal("varchar + integer: 42883", "42883", sqlstate(p::executeQuery));
    }
    try (PreparedStatement p = c.prepareStatement("SELECT CAST(? AS INTEGER) * 2")) {
      p.setString(1, "21");
      try (ResultSet rs = p.executeQuery()) {
        rs.next();
        equal("the connection works after errors", 42, rs.getInt(1));
      }
    }
  }

  static void fetchSize(Connection c) throws Exception {
    try (Statement s = c.createStatement()) {
      s.execute("CREATE TABLE nums (id BIGINT PRIMARY KEY, sq BIGINT)");
    }
    try (PreparedStatement p = c.prepareStatement("INSERT INTO nums VALUES (?, ?)")) {
      for (long i = 0; i < 1234; i++) {
        p.setLong(1, i);
        p.setLong(2, i * i);
        p.addBatch();
      }
      p.executeBatch();
    }
    long portalsBefore = bindLines("bind \"C_");
    c.setAutoCommit(false);  // pgjdbc uses a named portal and row limits only inside a transaction
    try (PreparedStatement p = c.prepareStatement("SELECT id, sq FROM nums WHERE id >= ? ORDER BY id")) {
      p.setFetchSize(100);
      p.setLong(1, 0);
      long n = 0;
      boolean ordered = true;
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) {
          if (rs.getLong(1) != n || rs.getLong(2) != n * n) ordered = false;
          n++;
        }
      }
      equal("setFetchSize(100) reads all 1234 rows", 1234L, n);
      check(ordered, "... in order, every value right", "");
    }
    c.commit();
    check(bindLines("bind \"C_") > portalsBefore, "pgjdbc read through a named portal (Execute with a row limit)", "");
    c.setAutoCommit(true);
  }

  static void transactions(Connection c) throws Exception {
    try (Statement s = c.createStatement()) {
      s.execute("CREATE TABLE tx (id BIGINT PRIMARY KEY)");
    }
    c.setAutoCommit(false);
    try (Statement s = c.createStatement()) {
      s.executeUpdate("INSERT INTO tx VALUES (1)");
      c.commit();
      equal("an error inside a transaction: 22012", "22012", sqlstate(() -> s.executeQuery("SELECT 1 / 0")));
      equal("then every statement fails with 25P02", "25P02", sqlstate(() -> s.executeQuery("SELECT 1")));
      c.rollback();
      try (ResultSet rs = s.executeQuery("SELECT count(*) FROM tx")) {
        rs.next();
        equal("after rollback the connection works", 1L, rs.getLong(1));
      }
      c.commit();
      s.executeQuery("SELECT 1").close();
      c.rollback();
    }
    c.setAutoCommit(true);
  }
}
