// Runs a Neo4j 5 community database with a Bolt connector on 127.0.0.1 until stopped: `kg services up` launches it
// with Java's single-file source launcher. Arguments: DATA_DIR PORT.
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import inet.ipaddr.IPAddressString;
import org.neo4j.configuration.GraphDatabaseInternalSettings;
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
    // LOAD CSV may read files only under an empty folder of its own (and file URLs are refused outright), and may
    // fetch no URL at all: every IPv4 and IPv6 address is blocked. Auth is off, so whoever reaches the port would
    // otherwise read any file the server's user can, and reach any address it can (issue 27, item 1).
    Path imports = home.resolve("import-empty");
    Files.createDirectories(imports);
    DatabaseManagementService service = new DatabaseManagementServiceBuilder(home)
        .setConfig(BoltConnector.enabled, true)
        .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
        .setConfig(GraphDatabaseSettings.auth_enabled, false)
        .setConfig(GraphDatabaseSettings.allow_file_urls, false)
        .setConfig(GraphDatabaseSettings.load_csv_file_url_root, imports)
        .setConfig(GraphDatabaseInternalSettings.cypher_ip_blocklist, List.of(new IPAddressString("0.0.0.0/0"), new IPAddressString("::/0")))
        // The server tells drivers to give up on a connection silent for twice this (the hint
        // connection.recv_timeout_seconds, 120 s by default), so a hung server is noticed within 20 s.
        .setConfig(BoltConnector.connection_keep_alive, java.time.Duration.ofSeconds(10))
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
