package org.homeward.stack;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The deployables of the system: the three services with their APIs, and the advocates' console that calls them;
 * each with its module folder, its port on the local stack and its database.
 */
public enum HomewardService {
    INTAKE("intake-service", 8081, Optional.of("intake")),
    CASE("case-service", 8082, Optional.of("cases")),
    NOTIFICATION("notification-service", 8083, Optional.of("notifications")),
    /** The web console (a backend for the front end): no database, no Kafka; it calls the three APIs. */
    CONSOLE("console", 8080, Optional.empty());

    /** The services with APIs, in the order they start. */
    public static final java.util.List<HomewardService> APIS = java.util.List.of(INTAKE, CASE, NOTIFICATION);

    private final String module;
    private final int localPort;
    private final Optional<String> database;

    HomewardService(String module, int localPort, Optional<String> database) {
        this.module = module;
        this.localPort = localPort;
        this.database = database;
    }

    public String module() {
        return module;
    }

    public int localPort() {
        return localPort;
    }

    public Optional<String> database() {
        return database;
    }

    /** The runnable Quarkus application that {@code ./mvnw package} builds in the module. */
    public Path runnerJar(Path projectRoot) {
        return projectRoot.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
    }
}
