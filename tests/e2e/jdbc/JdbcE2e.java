// End to end with pgjdbc (Debian's libpostgresql-jdbc-java, /usr/share/java/postgresql.jar), the
// way Java tools talk to Eddy. pgjdbc sends everything through the extended query protocol:
// DDL, SET and SHOW too, prepared statements named on the server from their first execution
// (prepareThreshold=1), binary parameters and results, a fetch size read as Execute with a row
// limit and PortalSuspended, batches of Bind/Execute under one Sync.
//
//   tests/e2e/jdbc_e2e.sh PATH_TO_EDDY   (compiles this file, starts a server, runs it)
//   java -cp postgresql.jar:CLASSES JdbcE2e JDBC_URL SERVER_LOG
//   java -cp postgresql.jar:CLASSES JdbcE2e JDBC_URL - --postgres
//
// --postgres runs only the "metadata" section, against a real PostgreSQL 15 (a fresh database:
// user eddy, database eddy), with CREATE TABLE where Eddy has CREATE STREAM: its expected
// values are what pgjdbc returns there, and this checks them.
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
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import org.postgresql.util.PGInterval;
import org.postgresql.util.PGobject;

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
    if (args.length < 2 || args.length > 3 || (args.length == 3 && !args[2].equals("--postgres"))) {
      System.err.println("usage: JdbcE2e JDBC_URL SERVER_LOG [--postgres]");
      System.exit(2);
    }
    url = args[0];
    serverLog = Path.of(args[1]);
    postgres = args.length == 3;

    if (postgres) {
      section("metadata", "", JdbcE2e::metadata);
      System.out.println(checks + " checks, " + failures + " failed");
      System.exit(failures == 0 ? 0 : 1);
    }
    section("product and driver", "", JdbcE2e::productAndDriver);
    // Before the sections below create their tables: it lists every table.
    section("metadata", "", JdbcE2e::metadata);
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

  // ---- metadata: DatabaseMetaData, ResultSetMetaData, pg_type lookups ------------------------
  // pgjdbc answers these with its own queries over pg_catalog. The expected values are what
  // pgjdbc 42.5 returns against PostgreSQL 15 for the same DDL (`--postgres` checks them there);
  // where Eddy rightly differs, the check says so and `postgres` picks.

  private static boolean postgres = false;

  // The rows of rs, each as the text of columns `cols` joined by '|' (null as "null").
  private static List<String> rows(ResultSet rs, String... cols) throws SQLException {
    List<String> out = new ArrayList<>();
    try (rs) {
      while (rs.next()) {
        StringBuilder line = new StringBuilder();
        for (String col : cols) line.append(line.length() > 0 ? "|" : "").append(rs.getString(col));
        out.add(line.toString());
      }
    }
    return out;
  }

  private interface Rows {
    List<String> get() throws Exception;
  }

  // The rows as text, or the error instead, so that one failing call leaves the rest checked.
  private static String rowsOrError(Rows body) {
    try {
      return body.get().toString();
    } catch (Exception e) {
      return "error " + (e instanceof SQLException ? ((SQLException) e).getSQLState() + " " : "") + e.getMessage();
    }
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }

  static void metadata(Connection c) throws Exception {
    try (Statement s = c.createStatement()) {
      s.execute((postgres ? "CREATE TABLE" : "CREATE STREAM") + " md_clicks (asset TEXT, ts TIMESTAMP)");
      s.execute("CREATE TABLE md_assets (id BIGINT PRIMARY KEY, name TEXT NOT NULL)");
      s.execute("CREATE MATERIALIZED VIEW md_per_asset AS SELECT asset, count(*) AS n FROM md_clicks GROUP BY asset");
      s.execute("CREATE TABLE md_types (bi BIGINT PRIMARY KEY, b BOOLEAN, s SMALLINT, i INTEGER, r REAL, "
                + "d DOUBLE PRECISION, n NUMERIC, t TEXT, v VARCHAR(10), ts TIMESTAMP, tz TIMESTAMPTZ, dt DATE, "
                + "iv INTERVAL, j JSONB)");
      s.execute("CREATE TABLE md_k2 (a INT, b TEXT, c INT, PRIMARY KEY (a, b))");
    }
    DatabaseMetaData md = c.getMetaData();

    // getTables: ordered by TABLE_TYPE, schema, name. The stream is a TABLE; a primary key's
    // index is an INDEX; system catalogs are SYSTEM TABLE / SYSTEM VIEW, never TABLE.
    String[] t = {"TABLE_SCHEM", "TABLE_NAME", "TABLE_TYPE"};
    List<String> userTables = List.of("public|md_assets|TABLE", "public|md_clicks|TABLE", "public|md_k2|TABLE",
                                      "public|md_types|TABLE");
    equal("getTables md%, every type",
          concat(List.of("public|md_assets_pkey|INDEX", "public|md_k2_pkey|INDEX", "public|md_types_pkey|INDEX",
                         "public|md_per_asset|MATERIALIZED VIEW"), userTables),
          rows(md.getTables(null, null, "md%", null), t));
    // To pgjdbc a schema not named pg_* or information_schema holds user tables: Eddy's
    // eddy_catalog.eddy_dead_letters is a TABLE (PostgreSQL has no such schema).
    equal("getTables %, TABLE: the user's tables and the stream, no system tables",
          postgres ? userTables : concat(List.of("eddy_catalog|eddy_dead_letters|TABLE"), userTables),
          rows(md.getTables(null, null, "%", new String[] {"TABLE"}), t));
    equal("getTables %, VIEW: only Eddy's eddy_catalog.eddy_queries",
          postgres ? List.of() : List.of("eddy_catalog|eddy_queries|VIEW"),
          rows(md.getTables(null, null, "%", new String[] {"VIEW"}), t));
    equal("getTables %, MATERIALIZED VIEW", List.of("public|md_per_asset|MATERIALIZED VIEW"),
          rows(md.getTables(null, null, "%", new String[] {"MATERIALIZED VIEW"}), t));
    equal("getTables public, TABLE + VIEW + MATERIALIZED VIEW",
          concat(List.of("public|md_per_asset|MATERIALIZED VIEW"), userTables),
          rows(md.getTables(null, "public", "%", new String[] {"TABLE", "VIEW", "MATERIALIZED VIEW"}), t));
    equal("getTables pg_catalog, TABLE: none", List.of(),
          rows(md.getTables(null, "pg_catalog", "%", new String[] {"TABLE"}), t));
    equal("getTables pg_catalog.pg_class is a SYSTEM TABLE", List.of("pg_catalog|pg_class|SYSTEM TABLE"),
          rows(md.getTables(null, "pg_catalog", "pg_class", new String[] {"SYSTEM TABLE"}), t));
    equal("getTables pg_catalog.pg_roles is a SYSTEM VIEW", List.of("pg_catalog|pg_roles|SYSTEM VIEW"),
          rows(md.getTables(null, "pg_catalog", "pg_roles", null), t));
    equal("getTables information_schema.tables is a SYSTEM VIEW", List.of("information_schema|tables|SYSTEM VIEW"),
          rows(md.getTables(null, "information_schema", "tables", null), t));

    // getColumns: one column per type of DIALECT.md, with java.sql.Types, pg_type's name,
    // COLUMN_SIZE and DECIMAL_DIGITS as pgjdbc derives them, NULLABLE, position.
    String[] cols = {"COLUMN_NAME", "DATA_TYPE", "TYPE_NAME", "COLUMN_SIZE", "DECIMAL_DIGITS", "NULLABLE",
                     "ORDINAL_POSITION", "IS_NULLABLE"};
    int no = DatabaseMetaData.columnNoNulls, yes = DatabaseMetaData.columnNullable;
    equal("getColumns: every type",
          List.of("bi|" + Types.BIGINT + "|int8|19|0|" + no + "|1|NO",
                  "b|" + Types.BIT + "|bool|1|0|" + yes + "|2|YES",
                  "s|" + Types.SMALLINT + "|int2|5|0|" + yes + "|3|YES",
                  "i|" + Types.INTEGER + "|int4|10|0|" + yes + "|4|YES",
                  "r|" + Types.REAL + "|float4|8|8|" + yes + "|5|YES",
                  "d|" + Types.DOUBLE + "|float8|17|17|" + yes + "|6|YES",
                  "n|" + Types.NUMERIC + "|numeric|0|null|" + yes + "|7|YES",
                  "t|" + Types.VARCHAR + "|text|2147483647|0|" + yes + "|8|YES",
                  "v|" + Types.VARCHAR + "|varchar|10|0|" + yes + "|9|YES",
                  "ts|" + Types.TIMESTAMP + "|timestamp|29|6|" + yes + "|10|YES",
                  "tz|" + Types.TIMESTAMP + "|timestamptz|35|6|" + yes + "|11|YES",
                  "dt|" + Types.DATE + "|date|13|0|" + yes + "|12|YES",
                  "iv|" + Types.OTHER + "|interval|49|6|" + yes + "|13|YES",
                  "j|" + Types.OTHER + "|jsonb|2147483647|0|" + yes + "|14|YES"),
          rows(md.getColumns(null, "public", "md_types", "%"), cols));
    equal("getColumns: NOT NULL and PRIMARY KEY columns",
          List.of("id|" + Types.BIGINT + "|int8|19|0|" + no + "|1|NO", "name|" + Types.VARCHAR + "|text|2147483647|0|" + no + "|2|NO"),
          rows(md.getColumns(null, null, "md_assets", null), cols));
    equal("getColumns: the stream",
          List.of("asset|" + Types.VARCHAR + "|text|2147483647|0|" + yes + "|1|YES", "ts|" + Types.TIMESTAMP + "|timestamp|29|6|" + yes + "|2|YES"),
          rows(md.getColumns(null, null, "md_clicks", null), cols));
    equal("getColumns: the materialized view",
          List.of("asset|" + Types.VARCHAR + "|text|2147483647|0|" + yes + "|1|YES", "n|" + Types.BIGINT + "|int8|19|0|" + yes + "|2|YES"),
          rows(md.getColumns(null, null, "md_per_asset", null), cols));
    equal("getColumns: a column pattern", List.of("ts|" + Types.TIMESTAMP + "|timestamp|29|6|" + yes + "|10|YES",
                                                  "tz|" + Types.TIMESTAMP + "|timestamptz|35|6|" + yes + "|11|YES"),
          rows(md.getColumns(null, null, "md_types", "t_"), cols));

    // getPrimaryKeys: KEY_SEQ is the column's place in the key, not in the table.
    String[] pk = {"TABLE_NAME", "COLUMN_NAME", "KEY_SEQ", "PK_NAME"};
    equal("getPrimaryKeys: one column", List.of("md_assets|id|1|md_assets_pkey"), rows(md.getPrimaryKeys(null, null, "md_assets"), pk));
    equal("getPrimaryKeys: a composite key", List.of("md_k2|a|1|md_k2_pkey", "md_k2|b|2|md_k2_pkey"),
          rows(md.getPrimaryKeys(null, "public", "md_k2"), pk));
    equal("getPrimaryKeys: the stream has none", List.of(), rows(md.getPrimaryKeys(null, "public", "md_clicks"), pk));

    // getIndexInfo: the primary key's index, unique, its columns in key order.
    String[] ix = {"NON_UNIQUE", "INDEX_NAME", "TYPE", "ORDINAL_POSITION", "COLUMN_NAME", "ASC_OR_DESC"};
    String other = String.valueOf(DatabaseMetaData.tableIndexOther);
    equal("getIndexInfo", List.of("f|md_assets_pkey|" + other + "|1|id|A"),
          rows(md.getIndexInfo(null, "public", "md_assets", false, true), ix));
    equal("getIndexInfo: a composite key, unique only",
          List.of("f|md_k2_pkey|" + other + "|1|a|A", "f|md_k2_pkey|" + other + "|2|b|A"),
          rows(md.getIndexInfo(null, "public", "md_k2", true, true), ix));
    equal("getIndexInfo: the stream has none", List.of(), rows(md.getIndexInfo(null, "public", "md_clicks", false, true), ix));

    // No foreign keys. (pgjdbc joins nine catalogs in one FROM list here.)
    equal("getImportedKeys: none", "[]",
          rowsOrError(() -> rows(md.getImportedKeys(null, "public", "md_assets"), "FKCOLUMN_NAME")));
    equal("getExportedKeys: none", "[]",
          rowsOrError(() -> rows(md.getExportedKeys(null, "public", "md_assets"), "FKCOLUMN_NAME")));

    // getTypeInfo: one row per pg_type entry; the DIALECT types with their java.sql.Types.
    Map<String, String> typeInfo = new HashMap<>();
    for (String row : rows(md.getTypeInfo(), "TYPE_NAME", "DATA_TYPE")) {
      String[] f = row.split("\\|");
      typeInfo.merge(f[0], f[1], (x, y) -> x + "," + y);
    }
    List<String> wantTypes = List.of("bool|" + Types.BIT, "int2|" + Types.SMALLINT, "int4|" + Types.INTEGER,
                                     "int8|" + Types.BIGINT, "float4|" + Types.REAL, "float8|" + Types.DOUBLE,
                                     "numeric|" + Types.NUMERIC, "text|" + Types.VARCHAR, "varchar|" + Types.VARCHAR,
                                     "timestamp|" + Types.TIMESTAMP, "timestamptz|" + Types.TIMESTAMP,
                                     "date|" + Types.DATE, "interval|" + Types.OTHER, "jsonb|" + Types.OTHER,
                                     "_int4|" + Types.ARRAY);
    List<String> gotTypes = new ArrayList<>();
    for (String want : wantTypes) {
      String name = want.substring(0, want.indexOf('|'));
      gotTypes.add(name + "|" + typeInfo.get(name));
    }
    equal("getTypeInfo: the DIALECT types", wantTypes, gotTypes);

    // Schemas and the catalog. Eddy's own eddy_catalog is a schema like any other.
    List<String> schemas = List.of("information_schema", "pg_catalog", "public");
    equal("getSchemas", postgres ? schemas : concat(List.of("eddy_catalog"), schemas), rows(md.getSchemas(), "TABLE_SCHEM"));
    equal("getSchemas pg%", List.of("pg_catalog"), rows(md.getSchemas(null, "pg%"), "TABLE_SCHEM"));
    equal("getCatalogs", List.of("eddy"), rows(md.getCatalogs(), "TABLE_CAT"));

    try (Statement s = c.createStatement()) {
      s.executeUpdate("INSERT INTO md_types (bi, iv, v, j) VALUES (1, '1 year 2 mons 3 days 04:05:06.5', 'abc', '{\"a\": 1}')");
      s.executeUpdate("INSERT INTO md_assets VALUES (7, 'seven')");

      // ResultSetMetaData: types from RowDescription; the table and NULLability pgjdbc looks up
      // in pg_class / pg_attribute by the table OID and column number RowDescription carries.
      try (ResultSet rs = s.executeQuery("SELECT bi, iv, v, ts, n FROM md_types")) {
        ResultSetMetaData m = rs.getMetaData();
        List<String> types = new ArrayList<>(), tablesOf = new ArrayList<>(), nullable = new ArrayList<>();
        for (int i = 1; i <= m.getColumnCount(); i++) {
          types.add(m.getColumnName(i) + "|" + m.getColumnType(i) + "|" + m.getColumnTypeName(i) + "|"
                    + m.getColumnClassName(i) + "|" + m.getPrecision(i) + "|" + m.getScale(i));
          tablesOf.add(m.getTableName(i));
          nullable.add(m.getColumnName(i) + "|" + m.isNullable(i));
        }
        equal("ResultSetMetaData: column types",
              List.of("bi|" + Types.BIGINT + "|int8|java.lang.Long|19|0",
                      "iv|" + Types.OTHER + "|interval|org.postgresql.util.PGInterval|49|6",
                      "v|" + Types.VARCHAR + "|varchar|java.lang.String|10|0",
                      "ts|" + Types.TIMESTAMP + "|timestamp|java.sql.Timestamp|29|6",
                      "n|" + Types.NUMERIC + "|numeric|java.math.BigDecimal|0|0"),
              types);
        equal("ResultSetMetaData.getTableName", List.of("md_types", "md_types", "md_types", "md_types", "md_types"), tablesOf);
        equal("ResultSetMetaData.isNullable: the key is NOT NULL",
              List.of("bi|" + ResultSetMetaData.columnNoNulls, "iv|" + ResultSetMetaData.columnNullable,
                      "v|" + ResultSetMetaData.columnNullable, "ts|" + ResultSetMetaData.columnNullable,
                      "n|" + ResultSetMetaData.columnNullable),
              nullable);

        // An interval read with getObject: pgjdbc maps the column's type OID through pg_type.
        check(rs.next(), "the md_types row", "");
        Object iv = rs.getObject("iv");
        equal("getObject of an interval is a PGInterval", PGInterval.class, iv == null ? null : iv.getClass());
        equal("... with its value", new PGInterval(1, 2, 3, 4, 5, 6.5), iv);
      }
      try (ResultSet rs = s.executeQuery("SELECT a.id, a.name, count(*) AS c FROM md_assets a GROUP BY a.id, a.name")) {
        ResultSetMetaData m = rs.getMetaData();
        equal("ResultSetMetaData of a grouped query: table and nullability of each column",
              List.of("md_assets|" + ResultSetMetaData.columnNoNulls, "md_assets|" + ResultSetMetaData.columnNoNulls,
                      "|" + ResultSetMetaData.columnNullableUnknown),
              List.of(m.getTableName(1) + "|" + m.isNullable(1), m.getTableName(2) + "|" + m.isNullable(2),
                      m.getTableName(3) + "|" + m.isNullable(3)));
      }
      try (ResultSet rs = s.executeQuery("SELECT j FROM md_types WHERE bi = 1")) {
        rs.next();
        Object j = rs.getObject(1);
        equal("getObject of jsonb is a PGobject of type jsonb", "jsonb {\"a\": 1}",
              j instanceof PGobject ? ((PGobject) j).getType() + " " + ((PGobject) j).getValue() : String.valueOf(j));
      }
    }
    // A PGInterval parameter: pgjdbc binds it with the OID it finds for "interval" in pg_type.
    try (PreparedStatement p = c.prepareStatement("INSERT INTO md_types (bi, iv) VALUES (?, ?)")) {
      p.setLong(1, 2);
      p.setObject(2, new PGInterval(0, 0, 2, 3, 0, 0));
      equal("setObject(PGInterval)", 1, p.executeUpdate());
    }
    try (PreparedStatement p = c.prepareStatement("SELECT iv FROM md_types WHERE bi = ?")) {
      for (int run = 0; run < 6; run++) {  // past prepareThreshold: a named statement, binary where pgjdbc asks
        p.setLong(1, run % 2 == 0 ? 1 : 2);
        try (ResultSet rs = p.executeQuery()) {
          rs.next();
          PGInterval want = run % 2 == 0 ? new PGInterval(1, 2, 3, 4, 5, 6.5) : new PGInterval(0, 0, 2, 3, 0, 0);
          if (!want.equals(rs.getObject(1))) {
            equal("a prepared SELECT of an interval, run " + run, want, rs.getObject(1));
            return;
          }
        }
      }
      check(true, "a prepared SELECT reads intervals back as PGInterval, six times", "");
    }
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
