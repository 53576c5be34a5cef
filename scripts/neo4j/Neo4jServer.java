// Starts a Neo4j Community DBMS (embedded API) with only the Bolt connector, bound to 127.0.0.1,
// on a throwaway data directory. Run by scripts/neo4j/cli.ts with the Maven-resolved classpath as a
// single-file Java program. Prints "READY bolt://127.0.0.1:<port>" once Bolt accepts connections,
// and shuts the DBMS down cleanly on SIGTERM.
import java.nio.file.Path;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.io.ByteUnit;

public class Neo4jServer {
  public static void main(String[] args) throws Exception {
    if (args.length != 3) {
      System.err.println("usage: Neo4jServer <dataDir> <boltPort> <pageCacheMb>");
      System.exit(64);
    }
    Path home = Path.of(args[0]).toAbsolutePath();
    int port = Integer.parseInt(args[1]);
    long pageCacheMb = Long.parseLong(args[2]);
    DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(home)
        .setConfig(BoltConnector.enabled, true)
        .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
        .setConfig(BoltConnector.advertised_address, new SocketAddress("127.0.0.1", port))
        .setConfig(HttpConnector.enabled, false)
        // Loopback-only throwaway server for tests: no credentials to leak, none to manage.
        .setConfig(GraphDatabaseSettings.auth_enabled, false)
        .setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.mebiBytes(pageCacheMb))
        .build();
    dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME); // fails fast if the database did not start
    Runtime.getRuntime().addShutdownHook(new Thread(dbms::shutdown));
    System.out.println("READY bolt://127.0.0.1:" + port);
    System.out.flush();
    Thread.currentThread().join();
  }
}
