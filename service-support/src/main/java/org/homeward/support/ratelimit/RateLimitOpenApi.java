package org.homeward.support.ratelimit;

import static org.eclipse.microprofile.openapi.OASFactory.createAPIResponse;
import static org.eclipse.microprofile.openapi.OASFactory.createComponents;
import static org.eclipse.microprofile.openapi.OASFactory.createContent;
import static org.eclipse.microprofile.openapi.OASFactory.createExample;
import static org.eclipse.microprofile.openapi.OASFactory.createHeader;
import static org.eclipse.microprofile.openapi.OASFactory.createMediaType;
import static org.eclipse.microprofile.openapi.OASFactory.createSchema;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.headers.Header;
import org.eclipse.microprofile.openapi.models.media.Schema.SchemaType;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import org.homeward.support.problem.Problem;
import org.homeward.support.problem.ProblemType;

/**
 * The rate limit in a service's OpenAPI document, as {@link RateLimiter} applies it: the RateLimit-* header
 * components, those headers on every 2xx and 4xx answer of every operation, and a 429 answer (with Retry-After) on
 * every operation that does not describe its own. The case and notification services name this class in
 * {@code mp.openapi.filter}; intake's own document filter, which describes its own 429 answers, calls
 * {@link #addHeaderComponents} (its quota counts events) and {@link #addHeaders}.
 */
public class RateLimitOpenApi implements OASFilter {

    static final List<String> HEADERS = List.of("RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset");

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(createComponents());
        }
        addHeaderComponents(openAPI.getComponents(), "requests");
        if (openAPI.getPaths() == null) {
            return;
        }
        openAPI.getPaths().getPathItems().forEach((path, item) -> item.getOperations().values().forEach(operation -> {
            APIResponses responses = operation.getResponses();
            if (responses.getAPIResponse("429") == null) {
                responses.addAPIResponse("429", tooManyRequests(path));
            }
            addHeaders(responses);
        }));
    }

    /** The RateLimit-* header components, for a quota that counts {@code unit}. */
    public static void addHeaderComponents(Components components, String unit) {
        components
                .addHeader("RateLimit-Limit", createHeader().description("The organisation's quota: " + unit + " it "
                        + "may send at once (the token bucket's size), shared by every replica of the service. Sent on "
                        + "every answer to a request that was counted against the quota (not on 401, nor on a body "
                        + "refused before it was read)")
                        .schema(createSchema().addType(SchemaType.INTEGER).format("int32").minimum(BigDecimal.ONE)
                                .maximum(BigDecimal.valueOf(1_000_000))))
                .addHeader("RateLimit-Remaining", createHeader().description(capitalised(unit) + " the organisation "
                        + "may still send at once, after this request")
                        .schema(createSchema().addType(SchemaType.INTEGER).format("int32").minimum(BigDecimal.ZERO)
                                .maximum(BigDecimal.valueOf(1_000_000))))
                .addHeader("RateLimit-Reset", createHeader().description("Seconds until the quota is whole again")
                        .schema(createSchema().addType(SchemaType.INTEGER).format("int64").minimum(BigDecimal.ZERO)
                                .maximum(BigDecimal.valueOf(31_536_000))));
    }

    /** The RateLimit-* headers on each 2xx and 4xx answer of one operation. */
    public static void addHeaders(APIResponses responses) {
        responses.getAPIResponses().forEach((status, response) -> {
            if (status.startsWith("2") || status.startsWith("4")) {
                for (String header : HEADERS) {
                    response.addHeader(header, createHeader().ref("#/components/headers/" + header));
                }
            }
        });
    }

    /** The 429 answer of an operation whose quota counts requests, with its example at {@code path}. */
    private static APIResponse tooManyRequests(String path) {
        Map<String, Object> example = new LinkedHashMap<>(); // in a stable order: the committed document is compared
        example.put("type", ProblemType.TOO_MANY_REQUESTS.uri().toString());
        example.put("title", ProblemType.TOO_MANY_REQUESTS.title());
        example.put("status", ProblemType.TOO_MANY_REQUESTS.status());
        example.put("detail", "This organisation sent more requests than its quota (200 at once, then 20.0 a "
                + "second; a request of several items counts each); nothing was done. Send the request again after "
                + "Retry-After seconds.");
        example.put("instance", path);
        Header retryAfter = createHeader().description("Seconds until the quota holds enough for this request")
                .schema(createSchema().addType(SchemaType.INTEGER).format("int32").minimum(BigDecimal.ONE)
                        .maximum(BigDecimal.valueOf(86_400)));
        return createAPIResponse().description("The organisation sent more requests than its quota; nothing was "
                        + "done. Send the request again after Retry-After seconds.")
                .content(createContent().addMediaType(Problem.MEDIA_TYPE, createMediaType()
                        .schema(createSchema().ref("#/components/schemas/Problem"))
                        .addExample("too-many-requests", createExample().summary(ProblemType.TOO_MANY_REQUESTS.title())
                                .value(example))))
                .addHeader("Retry-After", retryAfter);
    }

    private static String capitalised(String unit) {
        return Character.toUpperCase(unit.charAt(0)) + unit.substring(1);
    }
}
