package org.climatekg;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.BoltConnectorInternalSettings;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.io.ByteUnit;
import org.neo4j.server.configuration.ServerSettings;

/**
 * The local Neo4j of climate-kg: Neo4j Community embedded, served over Bolt on 127.0.0.1 only.
 *
 * Usage: java -jar neo4j-server.jar HOME PORT [PAGECACHE]
 * HOME holds data/, logs/ and the file `password` (user neo4j), generated at the first start.
 */
public final class Neo4jServer {

    public static void main(String[] args) throws Exception {
        if (args.length < 2 || args.length > 3) {
            System.err.println("usage: java -jar neo4j-server.jar HOME PORT [PAGECACHE]");
            System.exit(2);
        }
        Path home = Path.of(args[0]).toAbsolutePath();
        int port = Integer.parseInt(args[1]);
        long pageCache = ByteUnit.parse(args.length == 3 ? args[2] : "128m");
        Files.createDirectories(home);

        Path passwordFile = home.resolve("password");
        if (!Files.exists(passwordFile)) {
            // Set the password while Bolt is still closed, so the default neo4j/neo4j login is never reachable.
            DatabaseManagementService setup = builder(home, pageCache).build();
            try {
                setPassword(setup, passwordFile);
            } finally {
                setup.shutdown();
            }
        }

        DatabaseManagementService service = builder(home, pageCache)
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
                .setConfig(BoltConnector.advertised_address, new SocketAddress("127.0.0.1", port))
                // Bolt stops after the databases are checkpointed and closed; its default 2 x 5 s grace only delays exit.
                .setConfig(BoltConnectorInternalSettings.connection_shutdown_wait_time, Duration.ofSeconds(1))
                .setConfig(BoltConnectorInternalSettings.thread_pool_shutdown_wait_time, Duration.ofSeconds(1))
                // Read by Neo4j Browser (served by the API at /browser/): its product analytics off.
                .setConfig(ServerSettings.allow_telemetry, false)
                .build();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            service.shutdown();
            stopped.countDown();
        }, "neo4j-shutdown"));
        System.out.println("Neo4j is ready on bolt://127.0.0.1:" + port);
        stopped.await();
    }

    private static DatabaseManagementServiceBuilder builder(Path home, long pageCache) {
        return new DatabaseManagementServiceBuilder(home)
                .setConfig(GraphDatabaseSettings.auth_enabled, true)
                .setConfig(BoltConnector.enabled, false)
                .setConfig(GraphDatabaseSettings.pagecache_memory, pageCache);
    }

    private static void setPassword(DatabaseManagementService service, Path passwordFile) throws IOException {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        service.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME).executeTransactionally(
                "ALTER USER neo4j SET PASSWORD $password CHANGE NOT REQUIRED", Map.of("password", password));
        // Written only after the user has it, and atomically, so a reader never sees a password the server lacks.
        Path tmp = passwordFile.resolveSibling("password.tmp");
        Files.writeString(tmp, password + "\n");
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
        Files.move(tmp, passwordFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
