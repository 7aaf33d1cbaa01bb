// Runs a Neo4j 5 community database with a Bolt connector on 127.0.0.1 until stopped: `kg services up` launches it
// with Java's single-file source launcher. Arguments: DATA_DIR PORT.
import java.nio.file.Path;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;

public class Neo4jServer {
  public static void main(String[] args) throws Exception {
    if (args.length != 2) {
      System.err.println("usage: Neo4jServer DATA_DIR PORT");
      System.exit(2);
    }
    Path home = Path.of(args[0]).toAbsolutePath();
    int port = Integer.parseInt(args[1]);
    DatabaseManagementService service = new DatabaseManagementServiceBuilder(home)
        .setConfig(BoltConnector.enabled, true)
        .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
        .setConfig(GraphDatabaseSettings.auth_enabled, false)
        // A local mirror needs no transaction history for backups: keep about one rotation's worth (the default
        // keeps days of logs; repeated ACL mirrors left 13 GB of them).
        .setConfig(GraphDatabaseSettings.keep_logical_logs, "256M size")
        .build();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      System.out.println("kg-neo4j: shutting down");
      service.shutdown();
    }));
    System.out.println("kg-neo4j: Neo4j ready, bolt://127.0.0.1:" + port + ", data " + home);
    Thread.currentThread().join();
  }
}
