package org.homeward.intake.importing.domain;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.homeward.events.validation.Texts;
import org.homeward.intake.batch.domain.BatchIntake;
import org.homeward.support.ratelimit.RateLimiter;
import org.homeward.intake.batch.domain.BulkResult;
import org.homeward.intake.batch.domain.BulkResult.ItemResult;
import org.homeward.intake.idempotency.IdempotencyStore;
import org.homeward.intake.importing.domain.CsvTable.MalformedCsvException;
import org.homeward.intake.importing.domain.CsvTable.Row;
import org.homeward.intake.submission.domain.Candidate;
import org.homeward.intake.submission.domain.IntakeService;
import org.homeward.intake.submission.domain.IntakeService.Kind;
import org.homeward.intake.submission.domain.Outcome;
import org.homeward.intake.submission.domain.Submission;
import org.homeward.intake.submission.domain.SubmissionParser;
import org.homeward.support.identity.Caller;
import org.homeward.support.problem.Problem;
import org.homeward.support.problem.Problem.FieldError;
import org.homeward.support.problem.ProblemException;
import org.homeward.support.problem.ProblemType;

/**
 * Opens a case per valid row of a CSV list of persons, the kind a ministry or a families' union keeps. The first row
 * names the columns (any order; case, spaces, {@code _} and {@code -} do not matter); see {@link Column}. Each row is
 * validated like {@code POST /api/v1/cases} and answered on its own, naming its line and the failing columns.
 */
@ApplicationScoped
public class PersonImport {

    /** The columns of an import; only {@code category} and one of the names are required. */
    public enum Column {
        CATEGORY("category", "/category"),
        HANGUL_NAME("hangulName", "/person/hangulName"),
        ROMANIZED_NAMES("romanizedNames", "/person/romanizedNames"),
        BIRTH_YEAR("birthYear", "/person/birthYear"),
        SEX("sex", "/person/sex"),
        PLACE_OF_ORIGIN("placeOfOrigin", "/person/placeOfOrigin"),
        PLACE_TAKEN("placeTaken", "/placeTaken"),
        DATE_TAKEN("dateTaken", "/dateTaken"),
        OCCURRED_AT("occurredAt", "/occurredAt");

        final String header;
        final String pointer;

        Column(String header, String pointer) {
            this.header = header;
            this.pointer = pointer;
        }

        public String header() {
            return header;
        }

        static String normalise(String name) {
            return name.toLowerCase(Locale.ROOT).replaceAll("[\\s_\\-]", "");
        }
    }

    /** Romanised names in one cell are separated by this. */
    public static final String NAME_SEPARATOR = ";";

    @Inject
    SubmissionParser parser;

    @Inject
    IntakeService intake;

    @Inject
    RateLimiter rateLimiter;

    Clock clock = Clock.systemUTC();

    /** The key of an import sent without one: this prefix and the fingerprint of its rows. */
    static final String DEFAULT_KEY_PREFIX = "import-content-";

    public BulkResult accept(String body, Caller caller, String idempotencyKey) {
        CsvTable table;
        try {
            table = CsvTable.parse(body);
        } catch (MalformedCsvException e) {
            throw new ProblemException(Problem.of(ProblemType.MALFORMED_CSV, "The body is not CSV: " + e.getMessage()
                    + " (line " + e.line() + ")", List.of(new FieldError("line " + e.line(), e.getMessage()))));
        }
        if (table.header().isEmpty()) {
            throw ProblemException.invalid("", "must have a header row and at least one row of persons");
        }
        Map<Column, Integer> columns = columns(table.header());
        BatchIntake.checkCount(table.rows().size(), "rows of persons");
        rateLimiter.take(caller.organisation(), table.rows().size());

        ItemResult[] results = new ItemResult[table.rows().size()];
        List<Candidate> candidates = new ArrayList<>();
        List<String> identities = new ArrayList<>();
        for (int index = 0; index < table.rows().size(); index++) {
            Row row = table.rows().get(index);
            String identity = identity(row, columns);
            identities.add(identity);
            try {
                candidates.add(new Candidate(index, null, submission(row, columns, table.header().size()), identity));
            } catch (ProblemException e) {
                results[index] = ItemResult.rejected(index, row.line(), null, e.problem());
            }
        }
        if (!candidates.isEmpty()) {
            String fingerprint = IdempotencyStore.fingerprint(Kind.IMPORT.name(), String.join("\n", identities));
            // Without a key of the partner's, the file's content is the key: sending the same file again (after a
            // timeout, an unknown outcome, a crash of the sender) answers the same case ids and opens no case twice.
            String key = idempotencyKey != null ? idempotencyKey : DEFAULT_KEY_PREFIX + fingerprint;
            for (Outcome outcome : intake.acceptAll(Kind.IMPORT, candidates, caller, key, fingerprint)) {
                int line = table.rows().get(outcome.index()).line();
                results[outcome.index()] = outcome.isAccepted()
                        ? ItemResult.accepted(outcome.index(), line, outcome.caseId(), outcome.eventId())
                        : ItemResult.rejected(outcome.index(), line, null, outcome.problem());
            }
        }
        return BulkResult.of(List.of(results));
    }

    /** Which column holds what; a header that names an unknown or repeated column refuses the whole file. */
    static Map<Column, Integer> columns(List<String> header) {
        Map<String, Column> known = Arrays.stream(Column.values())
                .collect(Collectors.toMap(c -> Column.normalise(c.header), c -> c));
        Map<Column, Integer> columns = new LinkedHashMap<>();
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < header.size(); i++) {
            String name = header.get(i).trim();
            Column column = Texts.isClean(header.get(i)) ? known.get(Column.normalise(name)) : null;
            if (column == null && !Texts.isClean(header.get(i))) {
                errors.add(new FieldError("column " + (i + 1), Texts.refusal(header.get(i), false).orElseThrow()));
            } else if (column == null) {
                errors.add(new FieldError(name.isEmpty() ? "column " + (i + 1) : name, "is not a known column; known: "
                        + Arrays.stream(Column.values()).map(Column::header).collect(Collectors.joining(", "))));
            } else if (columns.putIfAbsent(column, i) != null) {
                errors.add(new FieldError(column.header, "is named twice"));
            }
        }
        if (!columns.containsKey(Column.CATEGORY)) {
            errors.add(new FieldError(Column.CATEGORY.header, "is a required column"));
        }
        if (!columns.containsKey(Column.HANGUL_NAME) && !columns.containsKey(Column.ROMANIZED_NAMES)) {
            errors.add(new FieldError(Column.HANGUL_NAME.header, "a hangulName or romanizedNames column is required"));
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(Problem.of(ProblemType.VALIDATION, "The header row is not valid; nothing was "
                    + "imported", errors));
        }
        return columns;
    }

    /** What the row says, column by column: a retry of the same file with the same key gets the same case ids. */
    private static String identity(Row row, Map<Column, Integer> columns) {
        StringBuilder identity = new StringBuilder();
        columns.forEach((column, i) -> identity.append(column.header).append('=')
                .append(i < row.cells().size() ? row.cells().get(i).trim() : "").append('\u001f'));
        return identity.toString();
    }

    private Submission submission(Row row, Map<Column, Integer> columns, int width) {
        List<FieldError> errors = new ArrayList<>();
        if (row.cells().size() != width) {
            throw new ProblemException(Problem.of(ProblemType.VALIDATION, "Line " + row.line() + " has "
                    + row.cells().size() + " cells; the header has " + width, List.of(new FieldError(
                    "line " + row.line(), "has " + row.cells().size() + " cells; the header has " + width))));
        }
        ObjectNode opening = JsonNodeFactory.instance.objectNode();
        ObjectNode person = opening.putObject("person");
        columns.forEach((column, i) -> {
            // A cell is checked as sent: trimming would drop control characters at its ends unseen.
            Optional<String> refusal = Texts.refusal(row.cells().get(i), false);
            if (refusal.isPresent()) {
                errors.add(new FieldError(column.header, refusal.get()));
                return;
            }
            String value = row.cells().get(i).trim();
            if (value.isEmpty()) {
                return;
            }
            switch (column) {
                case CATEGORY -> opening.put("category", enumName(value));
                case HANGUL_NAME -> person.put("hangulName", value);
                case ROMANIZED_NAMES -> {
                    ArrayNode names = person.putArray("romanizedNames");
                    Arrays.stream(value.split(NAME_SEPARATOR)).map(String::trim).filter(n -> !n.isEmpty())
                            .forEach(names::add);
                }
                case BIRTH_YEAR -> {
                    try {
                        person.put("birthYear", Integer.parseInt(value));
                    } catch (NumberFormatException e) {
                        errors.add(new FieldError(column.header, "must be a year, e.g. 1931"));
                    }
                }
                case SEX -> person.put("sex", sex(value));
                case PLACE_OF_ORIGIN -> person.put("placeOfOrigin", value);
                case PLACE_TAKEN -> opening.put("placeTaken", value);
                case DATE_TAKEN -> opening.put("dateTaken", value);
                case OCCURRED_AT -> opening.put("occurredAt", instant(value));
                default -> throw new IllegalStateException("unhandled column " + column);
            }
        });
        if (!opening.has("occurredAt")) {
            opening.put("occurredAt", defaultOccurredAt(opening));
        }
        Submission submission = null;
        try {
            submission = parser.parseOpening(opening);
        } catch (ProblemException e) {
            // A refused cell was left out of the opening: what the contract says of its absence is not news.
            Set<String> refused = errors.stream().map(FieldError::pointer).collect(Collectors.toSet());
            e.problem().errors().stream().map(error -> new FieldError(column(error.pointer()), error.detail()))
                    .filter(error -> !refused.contains(error.pointer())).forEach(errors::add);
        }
        if (!errors.isEmpty()) {
            List<FieldError> sorted = errors.stream().distinct().sorted(java.util.Comparator.comparing(
                    FieldError::pointer)).toList();
            throw new ProblemException(Problem.of(ProblemType.VALIDATION, "Line " + row.line() + ": "
                    + (sorted.size() == 1 ? "1 column is not valid" : sorted.size() + " columns are not valid"),
                    sorted));
        }
        return submission;
    }

    /** When the case opened: the date taken (at 00:00 UTC) when given and past, else now. */
    private String defaultOccurredAt(ObjectNode opening) {
        java.time.Instant now = clock.instant();
        if (opening.has("dateTaken")) {
            try {
                java.time.Instant taken = LocalDate.parse(opening.get("dateTaken").asText())
                        .atStartOfDay(ZoneOffset.UTC).toInstant();
                if (!taken.isAfter(now)) {
                    return taken.toString();
                }
            } catch (DateTimeParseException e) {
                // the parser names the dateTaken column
            }
        }
        return now.toString();
    }

    /** {@code occurredAt} may be an RFC 3339 instant or a plain date (00:00 UTC). */
    private static String instant(String value) {
        if (value.length() == 10) {
            try {
                return LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant().toString();
            } catch (DateTimeParseException e) {
                return value;
            }
        }
        return value;
    }

    /** "North Korean POW" and "north-korean-pow" both read as NORTH_KOREAN_POW. */
    private static String enumName(String value) {
        return value.toUpperCase(Locale.ROOT).replaceAll("[\\s\\-]+", "_");
    }

    private static String sex(String value) {
        String name = enumName(value);
        return switch (name) {
            case "M" -> "MALE";
            case "F" -> "FEMALE";
            default -> name;
        };
    }

    /** The column a pointer of the opening body falls in. */
    static String column(String pointer) {
        for (Column column : Column.values()) {
            if (pointer.equals(column.pointer) || pointer.startsWith(column.pointer + "/")) {
                return column.header;
            }
        }
        return pointer.equals("/person") ? Column.HANGUL_NAME.header : pointer;
    }
}
