package org.homeward.stack;

import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The operator's commands on the local system (docs/reliability.md): the cases on hold and their release, the check
 * of the audit chain, and the replay of dead letters. Against a deployed system the same is done through the case service's operations API and
 * Kafka's own tools; these commands use the local issuer and broker.
 * <ul>
 * <li>{@code ./homeward holds --org ORG}: the cases on hold that ORG's admins may see;</li>
 * <li>{@code ./homeward release CASE_ID --org ORG}: releases a case after a fix (its held events are applied in
 * order);</li>
 * <li>{@code ./homeward audit verify}: checks the case service's audit chain and names its first broken record;</li>
 * <li>{@code ./homeward replay-dead-letters TOPIC}: publishes every dead letter of {@code TOPIC-dlq} not replayed
 * before back to {@code TOPIC}, with its key. Consumers drop messages they took before (by message id), so a
 * replay applies only what was not applied. The replayed position is remembered (consumer group
 * {@code homeward-dead-letter-replay}), so each dead letter is replayed once.</li>
 * </ul>
 */
final class Operations {

    static final String REPLAY_GROUP = "homeward-dead-letter-replay";

    private Operations() {
    }

    static int holds(Path root, String organisation, PrintStream out) throws Exception {
        HttpResponse<String> answer = call(root, organisation, "GET", "/api/v1/operations/holds");
        out.println(answer.body());
        return answer.statusCode() == 200 ? 0 : 1;
    }

    static int release(Path root, String organisation, UUID caseId, PrintStream out) throws Exception {
        HttpResponse<String> answer = call(root, organisation, "POST",
                "/api/v1/operations/holds/" + caseId + "/release");
        out.println(answer.statusCode() + " " + answer.body());
        return answer.statusCode() == 200 ? 0 : 1;
    }

    /**
     * Checks the case service's audit chain ({@code GET /api/v1/audit/verification}): prints the answer, which names
     * the first broken record, or the head of an intact chain; exits 0 only when the chain is intact.
     */
    static int verifyAudit(Path root, PrintStream out) throws Exception {
        HttpResponse<String> answer = call(root, "operator", "GET", "/api/v1/audit/verification");
        out.println(answer.statusCode() + " " + answer.body());
        return answer.statusCode() == 200 && answer.body().contains("\"intact\":true") ? 0 : 1;
    }

    private static HttpResponse<String> call(Path root, String organisation, String method, String path)
            throws Exception {
        String token = LocalSystem.tokens(root.resolve(".homeward")).mint(organisation, "operator",
                Duration.ofMinutes(5), "admin");
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                        + HomewardService.CASE.localPort() + path))
                .header("Authorization", "Bearer " + token).timeout(Duration.ofMinutes(5))
                .method(method, HttpRequest.BodyPublishers.noBody()).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** Replays the dead letters of {@code topic} not replayed before; answers how many. */
    static int replayDeadLetters(String bootstrapServers, String topic, PrintStream out) {
        String deadLetters = topic + "-dlq";
        Map<String, Object> config = Map.of("bootstrap.servers", bootstrapServers, "group.id", REPLAY_GROUP,
                "enable.auto.commit", "false", "auto.offset.reset", "earliest");
        int replayed = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
                KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers",
                        bootstrapServers, "acks", "all", "enable.idempotence", "true"), new ByteArraySerializer(),
                        new ByteArraySerializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(deadLetters, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<TopicPartition> open = new ArrayList<>(partitions);
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (!open.isEmpty() && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofSeconds(1))) {
                    producer.send(new ProducerRecord<>(topic, null, record.key(), record.value())).get();
                    replayed++;
                    out.printf("replayed %s-%d@%d (dead-lettered because: %s)%n", deadLetters, record.partition(),
                            record.offset(), header(record, "dead-letter-reason"));
                    consumer.commitSync(Map.of(new TopicPartition(record.topic(), record.partition()),
                            new OffsetAndMetadata(record.offset() + 1)));
                }
                open.removeIf(p -> consumer.position(p) >= end.get(p));
            }
        } catch (Exception e) {
            throw new IllegalStateException("replay of " + deadLetters + " failed after " + replayed + " records", e);
        }
        out.println(replayed + " dead letters of " + deadLetters + " replayed to " + topic);
        return replayed;
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? "(not recorded)" : new String(header.value(), StandardCharsets.UTF_8);
    }
}
