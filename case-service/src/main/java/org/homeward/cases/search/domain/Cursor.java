package org.homeward.cases.search.domain;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.homeward.support.problem.Problem;
import org.homeward.support.problem.ProblemException;
import org.homeward.support.problem.ProblemType;

/**
 * Where a page of cases ended, as the {@code next} of a page and the {@code after} of the request for the following
 * one: the last case's position in the list's order (its rank for a search, its opening time and its id). Nothing
 * else: never a name, a query or a filter, so a cursor in a URL or a log reveals no one. Opaque to clients (base64url
 * of {@code v1.<list>.<rank>.<opened at, µs since the epoch>.<case id>}); keyset paging, so a deep page costs what the
 * first does and cases added meanwhile neither shift nor repeat the pages after it.
 *
 * @param list which list it belongs to: {@link #LIST}, {@link #SEARCH} or {@link #DUPLICATES}
 * @param rank the search rank of the last case (0 elsewhere)
 */
public record Cursor(char list, int rank, Instant openedAt, UUID caseId) {

    /** The cases of an organisation, newest first. */
    public static final char LIST = 'L';
    /** A search by name: by rank, then newest first. */
    public static final char SEARCH = 'S';
    /** The possible duplicates of a case, oldest first. */
    public static final char DUPLICATES = 'D';

    /** The query parameter a cursor comes back in. */
    public static final String PARAMETER = "after";

    /** Longer than any cursor this service writes. */
    static final int MAX_LENGTH = 120;

    private static final String VERSION = "v1";

    /** The opaque text of this cursor. */
    public String encode() {
        long micros = Math.addExact(Math.multiplyExact(openedAt.getEpochSecond(), 1_000_000L),
                openedAt.getNano() / 1_000);
        String plain = VERSION + "." + list + "." + rank + "." + micros + "." + caseId;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * The cursor a client sent back for a list of the given kind; null when it sent none. Anything this service did not
     * write for such a list is a 400 problem naming {@code after}.
     */
    public static Cursor decode(String text, char expectedList) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        if (text.length() > MAX_LENGTH) {
            throw invalid("is not a cursor this API returned (too long)");
        }
        String plain;
        try {
            plain = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.US_ASCII);
        } catch (IllegalArgumentException e) {
            throw invalid("is not a cursor this API returned (not base64url)");
        }
        String[] parts = plain.split("\\.", -1);
        if (parts.length != 5 || !VERSION.equals(parts[0]) || parts[1].length() != 1) {
            throw invalid("is not a cursor this API returned");
        }
        if (parts[1].charAt(0) != expectedList) {
            throw invalid("is a cursor of another list; pass the `next` of this list's own pages");
        }
        try {
            int rank = Integer.parseInt(parts[2]);
            long micros = Long.parseLong(parts[3]);
            UUID caseId = UUID.fromString(parts[4]);
            if (rank < 0 || rank > 9 || !caseId.toString().equals(parts[4])) {
                throw invalid("is not a cursor this API returned");
            }
            Instant openedAt = Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L),
                    Math.floorMod(micros, 1_000_000L) * 1_000L);
            return new Cursor(expectedList, rank, openedAt, caseId);
        } catch (IllegalArgumentException | java.time.DateTimeException | ArithmeticException e) {
            throw invalid("is not a cursor this API returned");
        }
    }

    private static ProblemException invalid(String detail) {
        return new ProblemException(Problem.of(ProblemType.BAD_REQUEST, "`after` is not a cursor of this list",
                List.of(new Problem.FieldError(PARAMETER, detail))));
    }

    @Override
    public String toString() {
        return "Cursor[" + list + ", rank " + rank + ", " + openedAt + ", " + caseId + "]";
    }
}
