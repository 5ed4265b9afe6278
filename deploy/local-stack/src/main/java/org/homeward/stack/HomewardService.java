package org.homeward.stack;

import java.nio.file.Path;
import java.util.Optional;

/** The three services of the system: their module folder, their port on the local stack and their database. */
public enum HomewardService {
    INTAKE("intake-service", 8081, Optional.of("intake")),
    CASE("case-service", 8082, Optional.of("cases")),
    NOTIFICATION("notification-service", 8083, Optional.of("notifications"));

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
