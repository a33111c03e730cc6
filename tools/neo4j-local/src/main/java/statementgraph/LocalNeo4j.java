package statementgraph;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnectorInternalSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.connectors.HttpsConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.io.ByteUnit;

/**
 * Embedded Neo4j Community with a Bolt connector on 127.0.0.1.
 *
 * <p>Usage: {@code LocalNeo4j --home DIR --port N [--password P] [--pagecache-mb N] [--plugins DIR]}.
 * {@code --plugins} loads procedure jars (APOC, for the benchmark's peer) from DIR.
 * Prints exactly one line {@code NEO4J_READY bolt://127.0.0.1:N} on stdout once a query
 * succeeds. Shuts down cleanly on SIGTERM/SIGINT, and also when stdin reaches end of file,
 * so that a parent that dies without signalling never leaves a JVM behind.
 */
public final class LocalNeo4j {
  private LocalNeo4j() {}

  public static void main(String[] argv) throws Exception {
    Map<String, String> args = parse(argv);
    Path home = Path.of(required(args, "home")).toAbsolutePath();
    int port = Integer.parseInt(required(args, "port"));
    String password = args.get("password");
    long pagecacheMb = Long.parseLong(args.getOrDefault("pagecache-mb", "128"));

    DatabaseManagementServiceBuilder builder = new DatabaseManagementServiceBuilder(home);
    if (args.containsKey("plugins")) {
      builder
          .setConfig(GraphDatabaseSettings.plugin_dir, Path.of(args.get("plugins")).toAbsolutePath())
          .setConfig(GraphDatabaseSettings.procedure_unrestricted, List.of("apoc.*"));
    }
    DatabaseManagementService dbms =
        builder
            .setConfig(BoltConnector.enabled, true)
            .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
            .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
            .setConfig(HttpConnector.enabled, false)
            .setConfig(HttpsConnector.enabled, false)
            .setConfig(GraphDatabaseSettings.auth_enabled, password != null)
            .setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.mebiBytes(pagecacheMb))
            // Without this every store preallocates ~256 MB of transaction log.
            .setConfig(GraphDatabaseSettings.preallocate_logical_logs, false)
            .setConfig(GraphDatabaseSettings.keep_logical_logs, "2 files")
            .setConfig(GraphDatabaseSettings.shutdown_transaction_end_timeout, Duration.ofSeconds(5))
            // The stores are checkpointed before Bolt stops; its default quiet periods only add ~10 s.
            .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 0)
            .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_timeout, Duration.ofSeconds(2))
            .setConfig(BoltConnectorInternalSettings.thread_pool_shutdown_wait_time, Duration.ofSeconds(1))
            .build();
    Runtime.getRuntime().addShutdownHook(new Thread(dbms::shutdown, "neo4j-shutdown"));

    if (password != null) {
      dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME)
          .executeTransactionally(
              "ALTER USER neo4j SET PASSWORD $password CHANGE NOT REQUIRED",
              Map.of("password", password));
    }
    GraphDatabaseService db = dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
    db.executeTransactionally("RETURN 1");
    System.out.println("NEO4J_READY bolt://127.0.0.1:" + port);
    System.out.flush();

    waitForEndOfStdin(System.in);
    System.exit(0);
  }

  private static void waitForEndOfStdin(InputStream in) {
    byte[] buffer = new byte[256];
    try {
      while (in.read(buffer) != -1) {
        // Input is ignored; only its end matters.
      }
    } catch (IOException ignored) {
      // A broken stdin means the parent is gone: shut down.
    }
  }

  private static Map<String, String> parse(String[] argv) {
    Map<String, String> args = new HashMap<>();
    for (int i = 0; i + 1 < argv.length; i += 2) {
      if (!argv[i].startsWith("--")) {
        throw new IllegalArgumentException("expected --name value pairs, got " + argv[i]);
      }
      args.put(argv[i].substring(2), argv[i + 1]);
    }
    return args;
  }

  private static String required(Map<String, String> args, String name) {
    String value = args.get(name);
    if (value == null) {
      throw new IllegalArgumentException("missing --" + name);
    }
    return value;
  }
}
