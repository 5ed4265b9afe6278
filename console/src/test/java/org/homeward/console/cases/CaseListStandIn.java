package org.homeward.console.cases;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.homeward.console.support.StandInApis;

/**
 * Stands in for case-service's case list in the list's tests: {@value #CASES} cases, newest first, paged by an
 * {@code after} cursor as the service pages them ({@code next} on every page but the last), recording every request.
 * A search counts at most {@value #COUNTED} matches, so a search answers {@code totalExact: false}.
 */
public class CaseListStandIn extends StandInApis {

    public static final int CASES = 45;
    public static final int COUNTED = 40;

    public static final List<String> REQUESTS = new CopyOnWriteArrayList<>();

    /** The console's tests of the case list run against this stand-in only. */
    public static class Profile extends StandInApis.Only {
        public Profile() {
            super(CaseListStandIn.class);
        }
    }

    /** The id of the case at {@code index} (0 is the newest). */
    static String caseId(int index) {
        return "%08d-0000-4000-8000-%012d".formatted(index, index);
    }

    /** The cursor after the case at {@code index}: opaque to the console, as the service's are. */
    static String cursor(int index) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("v1.L.0." + index + "." + caseId(index))
                .getBytes(StandardCharsets.US_ASCII));
    }

    static String page(Map<String, String> params) {
        int size = Integer.parseInt(params.getOrDefault("size", "20"));
        int from = 0;
        String after = params.get("after");
        if (after != null) {
            String[] parts = new String(Base64.getUrlDecoder().decode(after), StandardCharsets.US_ASCII).split("\\.");
            from = Integer.parseInt(parts[3]) + 1;
        }
        boolean search = params.containsKey("q");
        List<String> items = new ArrayList<>();
        int to = Math.min(CASES, from + size);
        for (int i = from; i < to; i++) {
            items.add("""
                    {"caseId": "%s", "category": "DEFECTOR", "state": "REPORTED",
                     "person": {"hangulName": "김광원", "romanizedNames": ["Kim Kwang-won"], "birthYear": 1990},
                     "ownerOrganisation": "defector-org", "version": 0, "vitalStatus": "UNKNOWN", "conflicts": [],
                     "possibleDuplicates": 0, "openedAt": "2025-01-09T06:00:00Z",
                     "updatedAt": "2025-01-09T06:00:00Z"}""".formatted(caseId(i)));
        }
        return "{\"items\": [" + String.join(",", items) + "], \"page\": 0, \"size\": " + size + ", \"total\": "
                + (search ? COUNTED : CASES) + ", \"totalExact\": " + !search
                + (to < CASES ? ", \"next\": \"" + cursor(to - 1) + "\"" : "") + "}";
    }

    public CaseListStandIn() {
        super("caselist-private.pem", REQUESTS, false);
        requireAuthorization("Bearer ey");
        get("/api/v1/cases", r -> Answer.json(page(r.params())));
        noAlerts();
    }
}
