package org.homeward.stack;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * The {@code ./homeward} command: {@code up [--fresh]} runs the whole system in the foreground until Ctrl-C;
 * {@code stack [--fresh]} runs only Kafka, PostgreSQL and the mail server (for {@code quarkus:dev} of one service);
 * {@code holds}, {@code release}, {@code audit verify} and {@code replay-dead-letters} are the operator's commands
 * ({@link Operations}).
 */
public final class Homeward {

    private Homeward() {
    }

    public static void main(String[] args) throws Exception {
        List<String> arguments = Arrays.asList(args);
        String command = arguments.isEmpty() ? "help" : arguments.get(0);
        boolean fresh = arguments.contains("--fresh");
        Path root = Path.of(System.getProperty("homeward.root", ".")).toAbsolutePath().normalize();
        PrintStream out = System.out;
        switch (command) {
            case "up" -> up(root, fresh, out);
            case "stack" -> stack(root, fresh, out);
            case "token" -> token(root, arguments.subList(1, arguments.size()), out);
            case "holds" -> System.exit(Operations.holds(root, required(arguments, "--org"), out));
            case "release" -> System.exit(arguments.size() < 2 ? usage(out, 2)
                    : Operations.release(root, required(arguments, "--org"), java.util.UUID.fromString(arguments.get(1)),
                            out));
            case "audit" -> System.exit(arguments.size() == 2 && arguments.get(1).equals("verify")
                    ? Operations.verifyAudit(root, out) : usage(out, 2));
            case "replay-dead-letters" -> {
                if (arguments.size() < 2) {
                    System.exit(usage(out, 2));
                }
                Operations.replayDeadLetters("127.0.0.1:" + Ports.LOCAL.kafka(), arguments.get(1), out);
            }
            default -> System.exit(usage(out, command.equals("help") ? 0 : 2));
        }
    }

    private static int usage(PrintStream out, int status) {
        out.println("usage: ./homeward up [--fresh]     the whole system, in the foreground (Ctrl-C stops it)");
        out.println("       ./homeward stack [--fresh]  only Kafka, PostgreSQL and SMTP, for quarkus:dev");
        out.println("       ./homeward token --org ORG --roles ROLE[,ROLE...] [--user NAME] [--hours N]");
        out.println("                                   a bearer token for the local system (last line)");
        out.println("       ./homeward holds --org ORG  the cases on hold ORG's admins may see");
        out.println("       ./homeward release CASE_ID --org ORG");
        out.println("                                   release a case on hold after a fix: its held events apply in order");
        out.println("       ./homeward audit verify     check the case service's audit chain; names the first broken record");
        out.println("       ./homeward replay-dead-letters TOPIC");
        out.println("                                   publish TOPIC-dlq's dead letters not replayed before back to TOPIC");
        return status;
    }

    private static String required(List<String> arguments, String name) {
        String value = option(arguments, name);
        if (value == null || value.isBlank()) {
            System.err.println(name + " is required");
            System.exit(2);
        }
        return value;
    }

    /**
     * Prints a bearer token the local system accepts, on the last line, signed with the key the stack generated on
     * its first start (generated now if the stack never ran). Roles: reporter, caseworker, advocate, admin.
     */
    static void token(Path root, List<String> arguments, PrintStream out) {
        String organisation = option(arguments, "--org");
        String roles = option(arguments, "--roles");
        String user = option(arguments, "--user");
        String hours = option(arguments, "--hours");
        if (organisation == null || organisation.isBlank() || roles == null || roles.isBlank()) {
            System.err.println("usage: ./homeward token --org ORG --roles ROLE[,ROLE...] [--user NAME] [--hours N]");
            System.err.println("roles: " + String.join(", ", LocalTokens.ROLES));
            System.exit(2);
            return;
        }
        String[] roleList = Arrays.stream(roles.split(",")).map(String::trim).filter(r -> !r.isEmpty())
                .toArray(String[]::new);
        String person = user == null ? organisation + "-user" : user;
        try {
            String token = LocalSystem.tokens(root.resolve(".homeward")).mint(organisation, person,
                    java.time.Duration.ofHours(hours == null ? 8 : Long.parseLong(hours)), roleList);
            out.println("# " + person + " at " + organisation + " as " + String.join(", ", roleList)
                    + "; send it as: Authorization: Bearer <token>");
            out.println(token);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
        }
    }

    private static String option(List<String> arguments, String name) {
        int at = arguments.indexOf(name);
        return at >= 0 && at + 1 < arguments.size() ? arguments.get(at + 1) : null;
    }

    private static void up(Path root, boolean fresh, PrintStream out) throws Exception {
        LocalSystem system;
        try {
            system = LocalSystem.start(LocalSystem.Options.local(root, fresh), out);
        } catch (IllegalStateException e) {
            System.err.println("Homeward did not start: " + e.getMessage());
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            out.println("\nStopping Homeward ...");
            system.close();
            out.println("Stopped.");
            stopped.countDown();
        }, "homeward-stop"));
        out.println();
        out.println("Homeward is up (" + system.infrastructure().kind() + " Kafka " + system.infrastructure()
                .kafkaBootstrapServers() + ", PostgreSQL " + system.infrastructure().jdbcUrl("") + ")");
        ServiceProcess console = system.services().get(HomewardService.CONSOLE);
        if (console != null) {
            out.printf("  %-21s %s   sign in there   log %s%n", "console", console.baseUrl(),
                    root.relativize(console.log().toAbsolutePath()));
        }
        for (ServiceProcess service : system.services().values().stream()
                .filter(p -> p.service() != HomewardService.CONSOLE)
                .sorted(java.util.Comparator.comparing(ServiceProcess::service)).toList()) {
            out.printf("  %-21s %s   Swagger UI %s/q/swagger-ui   health %s/q/health%n", service.service().module(),
                    service.baseUrl(), service.baseUrl(), service.baseUrl());
            out.printf("  %-21s log %s%n", "", root.relativize(service.log().toAbsolutePath()));
        }
        out.printf("  %-21s SMTP 127.0.0.1:%d; every message is also written to %s/*.eml%n", "e-mail",
                system.mail().port(), root.relativize(system.mail().folder().toAbsolutePath()));
        out.println("Ctrl-C stops everything. Data stays in .homeward/ (./homeward up --fresh starts empty).");
        watch(system);
        stopped.await();
    }

    private static void stack(Path root, boolean fresh, PrintStream out) throws Exception {
        Path dataDir = root.resolve(".homeward");
        if (fresh) {
            Stack.wipe(dataDir);
        }
        Infrastructure infrastructure = Stack.start(dataDir, dataDir.resolve("pg-binaries"), Ports.LOCAL);
        MailSink mail = MailSink.start(LocalSystem.Options.LOCAL_SMTP_PORT, dataDir.resolve("mail"));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            mail.close();
            infrastructure.close();
            stopped.countDown();
        }, "homeward-stop"));
        out.println("Kafka " + infrastructure.kafkaBootstrapServers() + ", PostgreSQL " + infrastructure.jdbcUrl("")
                + " (user " + infrastructure.databaseUser() + "), SMTP 127.0.0.1:" + mail.port() + " (mail also in "
                + root.relativize(mail.folder().toAbsolutePath()) + "/*.eml). Ctrl-C stops them.");
        stopped.await();
    }

    /** A service that dies on its own takes the whole system down, loudly, rather than leaving half of it. */
    private static void watch(LocalSystem system) {
        system.services().values().forEach(service -> service.process().onExit().thenAccept(process -> {
            if (!system.isClosing() && system.services().containsKey(service.service())) {
                System.err.println(service.service().module() + " exited with code " + process.exitValue()
                        + "; see " + service.log() + ". Stopping Homeward.");
                System.exit(1);
            }
        }));
    }
}
