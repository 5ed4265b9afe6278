package org.homeward.stack;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The whole system on one machine: Kafka and PostgreSQL ({@link Stack}) and the three services as child processes.
 * {@code ./homeward up} and the end-to-end tests start it the same way.
 */
public final class LocalSystem implements AutoCloseable {

    private final Infrastructure infrastructure;
    private final MailSink mail;
    private final Map<HomewardService, ServiceProcess> services;
    private final List<ServiceProcess> extraInstances = Collections.synchronizedList(new ArrayList<>());
    private final Path dataDir;
    private final Options options;
    private volatile boolean closing;
    private final LocalTokens tokens;

    /**
     * Where the system lives and listens; {@code servicePorts} maps each service to its HTTP port; {@code smtpPort} is
     * the local mail server's (e-mail notifications go there).
     */
    public record Options(Path projectRoot, Path dataDir, Ports stackPorts, Map<HomewardService, Integer> servicePorts,
            List<String> jvmOptions, boolean fresh, int smtpPort) {

        /** The same system with the console as well: {@code servicePorts} names what starts. */
        public Options withConsole() {
            Map<HomewardService, Integer> ports = new EnumMap<>(servicePorts);
            ports.putIfAbsent(HomewardService.CONSOLE, Ports.freePort());
            return new Options(projectRoot, dataDir, stackPorts, ports, jvmOptions, fresh, smtpPort);
        }

        /** The SMTP port of {@code ./homeward up} (and of the notification service's {@code %dev} profile). */
        public static final int LOCAL_SMTP_PORT = 11025;

        /** The local system of {@code ./homeward up}: fixed ports, data under {@code .homeward/}, the console too. */
        public static Options local(Path projectRoot, boolean fresh) {
            Map<HomewardService, Integer> ports = new EnumMap<>(HomewardService.class);
            for (HomewardService service : HomewardService.values()) {
                ports.put(service, service.localPort());
            }
            return new Options(projectRoot, projectRoot.resolve(".homeward"), Ports.LOCAL, ports,
                    List.of("-Xmx384m", "-XX:+UseSerialGC"), fresh, LOCAL_SMTP_PORT);
        }

        /**
         * A throwaway system on free ports with fully optimising JVMs, for benchmarks. The system property
         * {@code homeward.bench.service-jvm} adds options to every service's JVM (a profiler:
         * {@code -XX:StartFlightRecording=filename=DIR/,settings=profile}, one recording per process in DIR).
         */
        public static Options forBenchmarks(Path projectRoot, Path dataDir) {
            Options tests = forTests(projectRoot, dataDir);
            List<String> jvm = new ArrayList<>(List.of("-Xmx512m", "-XX:+UseParallelGC"));
            String extra = System.getProperty("homeward.bench.service-jvm", "").trim();
            if (!extra.isEmpty()) {
                jvm.addAll(List.of(extra.split("\\s+")));
            }
            return new Options(projectRoot, dataDir, tests.stackPorts(), tests.servicePorts(), List.copyOf(jvm), true,
                    tests.smtpPort());
        }

        /** A throwaway system on free ports, for tests: the three services (the console: {@link #withConsole}). */
        public static Options forTests(Path projectRoot, Path dataDir) {
            Map<HomewardService, Integer> ports = new EnumMap<>(HomewardService.class);
            for (HomewardService service : HomewardService.APIS) {
                ports.put(service, Ports.freePort());
            }
            return new Options(projectRoot, dataDir, Ports.free(), ports,
                    List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"), true, Ports.freePort());
        }
    }

    private LocalSystem(Infrastructure infrastructure, MailSink mail, Map<HomewardService, ServiceProcess> services,
            Path dataDir, Options options) {
        this.tokens = tokens(dataDir);
        this.infrastructure = infrastructure;
        this.mail = mail;
        this.services = services;
        this.dataDir = dataDir;
        this.options = options;
    }

    public static LocalSystem start(Options options, PrintStream out) throws Exception {
        Path dataDir = options.dataDir();
        stopLeftovers(dataDir, out);
        checkPortsFree(options);
        if (options.fresh()) {
            Stack.wipe(dataDir);
        }
        out.println("Starting Kafka and PostgreSQL (" + (Stack.useContainers() ? "containers" : "embedded")
                + ", data in " + dataDir + ") ...");
        Infrastructure infrastructure = Stack.start(dataDir, dataDir.resolve("pg-binaries"), options.stackPorts());
        MailSink mail;
        try {
            mail = MailSink.start(options.smtpPort(), dataDir.resolve("mail"));
        } catch (IOException | RuntimeException e) {
            infrastructure.close();
            throw e;
        }
        LocalSystem system = new LocalSystem(infrastructure, mail, Collections.synchronizedMap(
                new EnumMap<>(HomewardService.class)), dataDir, options);
        try {
            for (HomewardService service : options.servicePorts().keySet()) { // in enum order: the console last
                system.startService(service);
            }
            out.println("Waiting for the services to be ready ...");
            for (ServiceProcess process : system.services.values()) {
                process.awaitReady(Duration.ofSeconds(180));
            }
            return system;
        } catch (Exception e) {
            system.close();
            throw e;
        }
    }

    /** Starts (or restarts) one service; used by tests that stop a service mid-stream. */
    public void startService(HomewardService service) throws IOException {
        ServiceProcess process = ServiceProcess.start(service, service.runnerJar(options.projectRoot()),
                options.servicePorts().get(service), config(service), options.jvmOptions(),
                dataDir.resolve("logs").resolve(service.module() + ".log"), dataDir.resolve("tmp"));
        services.put(service, process);
        recordPids();
    }

    /**
     * Starts one more instance of a service on a free port, with the same configuration: for a consumer, it joins
     * the same consumer group and takes over some partitions. Stop it with {@link ServiceProcess#close()}.
     */
    public ServiceProcess startExtraInstance(HomewardService service) throws IOException, InterruptedException {
        int instance = extraInstances.size() + 2;
        ServiceProcess process = ServiceProcess.start(service, service.runnerJar(options.projectRoot()),
                Ports.freePort(), config(service), options.jvmOptions(),
                dataDir.resolve("logs").resolve(service.module() + "-" + instance + ".log"), dataDir.resolve("tmp"));
        extraInstances.add(process);
        recordPids();
        process.awaitReady(Duration.ofSeconds(180));
        return process;
    }

    public void awaitReady(HomewardService service) throws InterruptedException {
        services.get(service).awaitReady(Duration.ofSeconds(180));
    }

    /** Stops one service (SIGTERM). */
    public void stopService(HomewardService service) {
        ServiceProcess process = services.remove(service);
        if (process != null) {
            process.close();
        }
    }

    /**
     * Kills one service at once (SIGKILL): no shutdown hook runs, nothing is committed or closed gracefully, as when a
     * machine loses power or the kernel kills the process. For tests of crash recovery.
     */
    public void killService(HomewardService service) {
        ServiceProcess process = services.remove(service);
        if (process != null) {
            process.kill();
        }
    }

    /** The local token issuer of a system's data folder: {@code ./homeward token} and {@link #token} use it. */
    public static LocalTokens tokens(Path dataDir) {
        return LocalTokens.inFolder(dataDir.resolve("keys"));
    }

    /** A bearer token the running services accept, for a caller at {@code organisation} with {@code roles}. */
    public String token(String organisation, String user, String... roles) {
        return tokens.mint(organisation, user, Duration.ofHours(8), roles);
    }

    private Map<String, String> config(HomewardService service) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("kafka.bootstrap.servers", infrastructure.kafkaBootstrapServers());
        config.putAll(tokens.serviceConfig());
        config.putAll(LocalKeys.inFolder(dataDir.resolve("keys")).serviceConfig());
        // The local system is not production: Swagger UI on, and the OpenAPI document readable without a token (the
        // APIs themselves still require one).
        config.put("quarkus.swagger-ui.enabled", "true");
        config.put("quarkus.http.auth.permission.openapi.policy", "permit");
        if (HomewardService.APIS.contains(service)) {
            // The local system serves tests, benchmarks and walk-throughs that send thousands of requests a second
            // from one organisation; a partner's quota would throttle them. The limit itself is proven by each
            // service's component tests (intake's EdgeTest, CaseRateLimitTest, NotificationRateLimitTest).
            config.put("homeward.rate-limit.rate", "1000000");
            config.put("homeward.rate-limit.burst", "1000000");
        }
        if (service == HomewardService.NOTIFICATION) {
            // E-mail goes to the local mail sink; links point at the local case service; webhooks may target
            // receivers on this machine (never allowed in production).
            config.put("quarkus.mailer.host", "127.0.0.1");
            config.put("quarkus.mailer.port", Integer.toString(mail.port()));
            config.put("quarkus.mailer.start-tls", "DISABLED");
            config.put("quarkus.mailer.login", "DISABLED");
            config.put("homeward.case-service.url", baseUrl(HomewardService.CASE).toString());
            config.put("homeward.webhooks.allow-loopback", "true");
        }
        if (service == HomewardService.CONSOLE) {
            // The console calls the three APIs; locally it offers a sign-in page that mints tokens with the local
            // issuer's key (LocalTokens), and its cookies go over plain http.
            config.put("homeward.console.intake-url", baseUrl(HomewardService.INTAKE).toString());
            config.put("homeward.console.case-url", baseUrl(HomewardService.CASE).toString());
            config.put("homeward.console.notification-url", baseUrl(HomewardService.NOTIFICATION).toString());
            config.put("homeward.console.local-sign-in.private-key", tokens.privateKey().toString());
            config.put("homeward.console.local-sign-in.issuer", LocalTokens.ISSUER);
            config.put("homeward.console.local-sign-in.audience", LocalTokens.AUDIENCE);
            config.put("homeward.console.secure-cookies", "false");
            // The local sign-in page replaces OpenID Connect, which the console refuses to run beside it.
            config.put("quarkus.oidc.tenant-enabled", "false");
            config.put("quarkus.http.auth.permission.console.enabled", "false");
        }
        service.database().ifPresent(database -> config.putAll(Stack.datasourceConfig(infrastructure.jdbcUrl(database),
                infrastructure.databaseUser(), infrastructure.databasePassword(), database)));
        return config;
    }

    /**
     * Freezes PostgreSQL (SIGSTOP to the postmaster and its backends; a paused container): connections stay open and
     * nothing answers. {@link #resumePostgres} ends it.
     */
    public void pausePostgres() {
        infrastructure.pausePostgres();
    }

    /** Ends {@link #pausePostgres}; harmless when nothing is paused. */
    public void resumePostgres() {
        infrastructure.resumePostgres();
    }

    /** Stops PostgreSQL (fast shutdown), keeping its data and port; {@link #startPostgres} starts it again. */
    public void stopPostgres() {
        infrastructure.stopPostgres();
    }

    /** Starts PostgreSQL again after {@link #stopPostgres}, on the same port and data directory. */
    public void startPostgres() {
        infrastructure.startPostgres();
    }

    /** Makes the broker unreachable (embedded: stopped, ports closed; containers: paused), keeping its data. */
    public void interruptKafka() {
        infrastructure.interruptKafka();
    }

    /** Ends {@link #interruptKafka} or {@link #pauseKafka}: the broker answers again on the same address. */
    public void resumeKafka() {
        infrastructure.resumeKafka();
    }

    /** Whether {@link #pauseKafka} is possible (it is on both stacks). */
    public boolean canPauseKafka() {
        return infrastructure.canPauseKafka();
    }

    /**
     * Freezes the broker with its connections open (embedded: a proxy in front of it stops moving bytes; containers:
     * the container is paused); {@link #resumeKafka} ends it.
     */
    public void pauseKafka() {
        infrastructure.pauseKafka();
    }

    public URI baseUrl(HomewardService service) {
        return URI.create("http://localhost:" + options.servicePorts().get(service));
    }

    public Infrastructure infrastructure() {
        return infrastructure;
    }

    /** The local SMTP server where e-mail notifications go. */
    public MailSink mail() {
        return mail;
    }

    public Map<HomewardService, ServiceProcess> services() {
        return Map.copyOf(services);
    }

    /** True once {@link #close} began: services exiting now are being stopped, not failing. */
    public boolean isClosing() {
        return closing;
    }

    @Override
    public void close() {
        closing = true;
        List<ServiceProcess> running = new ArrayList<>(services.values());
        running.addAll(extraInstances);
        Collections.reverse(running);
        running.parallelStream().forEach(ServiceProcess::close);
        services.clear();
        extraInstances.clear();
        mail.close();
        infrastructure.resumePostgres(); // a paused server would not stop
        infrastructure.close();
        try {
            Files.deleteIfExists(pidFile(dataDir));
        } catch (IOException e) {
            // nothing left to stop
        }
    }

    private void recordPids() throws IOException {
        StringBuilder pids = new StringBuilder();
        services.values().forEach(p -> pids.append(p.pid()).append('\n'));
        extraInstances.forEach(p -> pids.append(p.pid()).append('\n'));
        Files.createDirectories(dataDir);
        Files.writeString(pidFile(dataDir), pids, StandardCharsets.UTF_8);
    }

    private static Path pidFile(Path dataDir) {
        return dataDir.resolve("services.pid");
    }

    /** Services left running by a launcher that was killed (SIGKILL skips shutdown hooks) are stopped first. */
    private static void stopLeftovers(Path dataDir, PrintStream out) throws IOException {
        Path pids = pidFile(dataDir);
        if (!Files.exists(pids)) {
            return;
        }
        for (String line : Files.readAllLines(pids, StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            ProcessHandle.of(Long.parseLong(line.trim()))
                    .filter(p -> p.info().commandLine().map(c -> c.contains("quarkus-run.jar")).orElse(false))
                    .ifPresent(p -> {
                        out.println("Stopping a service left running (pid " + p.pid() + ")");
                        p.destroy();
                        p.onExit().join();
                    });
        }
        Files.delete(pids);
    }

    private static void checkPortsFree(Options options) {
        List<String> busy = new ArrayList<>();
        options.servicePorts().forEach((service, port) -> {
            if (!Ports.isFree(port)) {
                busy.add(port + " (" + service.module() + ")");
            }
        });
        Ports stack = options.stackPorts();
        for (int port : new int[] {stack.kafka(), stack.kafkaController(), stack.postgres()}) {
            if (!Ports.isFree(port)) {
                busy.add(port + " (Kafka/PostgreSQL)");
            }
        }
        if (!Ports.isFree(options.smtpPort())) {
            busy.add(options.smtpPort() + " (SMTP)");
        }
        if (!busy.isEmpty()) {
            throw new IllegalStateException("Ports in use: " + String.join(", ", busy)
                    + ". Is another ./homeward up running?");
        }
    }
}
