package org.homeward.intake.batch.domain;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.homeward.intake.batch.domain.BulkResult.ItemResult;
import org.homeward.intake.idempotency.IdempotencyStore;
import org.homeward.intake.submission.domain.Candidate;
import org.homeward.intake.submission.domain.IntakeService;
import org.homeward.intake.submission.domain.IntakeService.Kind;
import org.homeward.support.ratelimit.RateLimiter;
import org.homeward.intake.submission.domain.Outcome;
import org.homeward.intake.submission.domain.Submission;
import org.homeward.intake.submission.domain.SubmissionParser;
import org.homeward.support.identity.Caller;
import org.homeward.support.problem.Problem;
import org.homeward.support.problem.Problem.FieldError;
import org.homeward.support.problem.ProblemException;
import org.homeward.support.problem.ProblemType;

/**
 * Events in bulk: up to {@link #MAX_ITEMS} events, each with its {@code caseId}, as a JSON array or NDJSON (one event
 * a line). Each item is validated on its own and answered on its own: accepted with its event id once Kafka holds
 * it, or rejected with a problem whose pointers start with the item's index. One case's events are published in the
 * order of the request.
 */
@ApplicationScoped
public class BatchIntake {

    public static final int MAX_ITEMS = 1_000;

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    @Inject
    SubmissionParser parser;

    @Inject
    IntakeService intake;

    @Inject
    RateLimiter rateLimiter;

    /** One item as read: its JSON, or why it could not be read. */
    record RawItem(int index, Integer line, JsonNode node, String text, Problem problem) {
    }

    public BulkResult accept(String body, boolean ndjson, Caller caller, String idempotencyKey) {
        List<RawItem> raw = ndjson ? readNdjson(body) : readArray(body);
        checkCount(raw.size(), "events");
        rateLimiter.take(caller.organisation(), raw.size());
        ItemResult[] results = new ItemResult[raw.size()];
        List<Candidate> candidates = new ArrayList<>();
        List<String> identities = new ArrayList<>();
        for (RawItem item : raw) {
            identities.add(item.text());
            if (item.problem() != null) {
                results[item.index()] = ItemResult.rejected(item.index(), item.line(), null, item.problem());
                continue;
            }
            try {
                candidates.add(candidate(item));
            } catch (ProblemException e) {
                results[item.index()] = ItemResult.rejected(item.index(), item.line(), caseIdOf(item.node()),
                        e.problem());
            }
        }
        if (!candidates.isEmpty()) {
            String fingerprint = idempotencyKey == null ? null
                    : IdempotencyStore.fingerprint(Kind.BATCH.name(), String.join("\n", identities));
            for (Outcome outcome : intake.acceptAll(Kind.BATCH, candidates, caller, idempotencyKey, fingerprint)) {
                Integer line = raw.get(outcome.index()).line();
                results[outcome.index()] = outcome.isAccepted()
                        ? ItemResult.accepted(outcome.index(), line, outcome.caseId(), outcome.eventId())
                        : ItemResult.rejected(outcome.index(), line, outcome.caseId(), outcome.problem());
            }
        }
        return BulkResult.of(List.of(results));
    }

    /** Refuses a request with more than {@link #MAX_ITEMS} items, or none. */
    public static void checkCount(int count, String what) {
        if (count > MAX_ITEMS) {
            throw ProblemException.of(ProblemType.TOO_MANY_ITEMS, "A request holds at most " + MAX_ITEMS + " " + what
                    + "; this one holds " + count + ". Split it; nothing was published.");
        }
        if (count == 0) {
            throw ProblemException.invalid("", "must hold at least one of the " + what);
        }
    }

    private Candidate candidate(RawItem item) {
        int index = item.index();
        if (!item.node().isObject()) {
            throw new ProblemException(Problem.of(ProblemType.MALFORMED_JSON, "An event must be a JSON object",
                    List.of(new FieldError("/" + index, "is not a JSON object"))));
        }
        ObjectNode event = item.node().deepCopy();
        JsonNode caseNode = event.remove("caseId");
        List<FieldError> errors = new ArrayList<>();
        UUID caseId = null;
        if (caseNode == null || caseNode.isNull()) {
            errors.add(new FieldError("/" + index + "/caseId", "is required: the id of the event's case"));
        } else {
            caseId = caseIdOf(item.node());
            if (caseId == null) {
                errors.add(new FieldError("/" + index + "/caseId", "must be a case id (a UUID)"));
            }
        }
        Submission submission = null;
        Problem refused = null;
        try {
            submission = parser.parseEvent(event);
        } catch (ProblemException e) {
            refused = e.problem();
        }
        if (refused == null && errors.isEmpty()) {
            return Candidate.of(index, caseId, submission);
        }
        if (refused != null) {
            refused.errors().forEach(e -> errors.add(new FieldError("/" + index + e.pointer(), e.detail())));
        }
        errors.sort(java.util.Comparator.comparing(FieldError::pointer));
        ProblemType type = refused == null || refused.status() != 422 ? ProblemType.VALIDATION
                : refused.type().equals(ProblemType.UNKNOWN_EVENT_TYPE.uri()) ? ProblemType.UNKNOWN_EVENT_TYPE
                : ProblemType.VALIDATION;
        String detail = type == ProblemType.UNKNOWN_EVENT_TYPE ? refused.detail()
                : errors.size() == 1 ? "1 field is not valid" : errors.size() + " fields are not valid";
        throw new ProblemException(Problem.of(type, detail, errors));
    }

    private static UUID caseIdOf(JsonNode node) {
        JsonNode caseNode = node == null ? null : node.get("caseId");
        if (caseNode == null || !caseNode.isTextual()) {
            return null;
        }
        try {
            return UUID.fromString(caseNode.asText());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static List<RawItem> readArray(String body) {
        JsonNode tree;
        try {
            tree = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw ProblemException.of(ProblemType.MALFORMED_JSON, "The body could not be parsed as JSON");
        }
        if (tree == null || !tree.isArray()) {
            throw ProblemException.of(ProblemType.MALFORMED_JSON, "The body must be a JSON array of events "
                    + "(or send application/x-ndjson: one event a line)");
        }
        checkCount(tree.size(), "events");
        List<RawItem> items = new ArrayList<>(tree.size());
        for (int i = 0; i < tree.size(); i++) {
            items.add(new RawItem(i, null, tree.get(i), tree.get(i).toString(), null));
        }
        return items;
    }

    static List<RawItem> readNdjson(String body) {
        List<RawItem> items = new ArrayList<>();
        String[] lines = body.split("\n", -1);
        for (int l = 0; l < lines.length; l++) {
            String line = lines[l].endsWith("\r") ? lines[l].substring(0, lines[l].length() - 1) : lines[l];
            if (line.isBlank()) {
                continue;
            }
            int index = items.size();
            if (index >= MAX_ITEMS) {
                checkCount(index + 1 + (int) java.util.Arrays.stream(lines, l + 1, lines.length)
                        .filter(s -> !s.isBlank()).count(), "events");
            }
            try {
                JsonNode node = JSON.readTree(line);
                items.add(new RawItem(index, l + 1, node, node.toString(), null));
            } catch (JsonProcessingException e) {
                items.add(new RawItem(index, l + 1, null, line, Problem.of(ProblemType.MALFORMED_JSON,
                        "Line " + (l + 1) + " is not a JSON value", List.of(new FieldError("/" + index,
                                "could not be parsed as JSON")))));
            }
        }
        return items;
    }
}
