package org.homeward.console.subscriptions;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.homeward.console.support.Browser;
import org.homeward.console.support.StandInApis;
import org.junit.jupiter.api.Test;

/** Subscriptions and deliveries against a stand-in of notification-service ({@link FakeNotifications}). */
@QuarkusTest
@TestProfile(SubscriptionsTest.OwnFake.class)
class SubscriptionsTest {

    /** Runs the console against {@link FakeNotifications} only (not the global FakeHomeward). */
    public static class OwnFake extends StandInApis.Only {
        public OwnFake() {
            super(FakeNotifications.class);
        }
    }

    @Test
    void theAdvocatesSubscriptionsTheFormAndTheDeliveriesWithTheirAttempts() {
        Browser browser = Browser.signedIn("advocate-1", "advocate");
        Response page = browser.request().get("/subscriptions");
        page.then().statusCode(200)
                .body(containsString("id=\"nav-subscriptions\" aria-current=\"page\""))
                .body(containsString("<section id=\"subscriptions\""))
                .body(containsString("id=\"subscription-" + FakeNotifications.WEBHOOK_ID + "\" data-channel=\"WEBHOOK\""))
                .body(containsString("id=\"subscription-" + FakeNotifications.FEED_ID + "\" data-channel=\"FEED\""))
                .body(containsString("https://alerts.example.org/homeward"))
                .body(containsString("<span class=\"tag\">North Korean prisoner of war</span>"))
                .body(containsString("<span class=\"tag\">Defection intent stated</span>"))
                .body(containsString("id=\"remove-" + FakeNotifications.WEBHOOK_ID + "\""))
                .body(containsString("action=\"/subscriptions/" + FakeNotifications.WEBHOOK_ID + "/remove\""))
                .body(containsString("<form method=\"post\" action=\"/subscriptions\" id=\"subscription-form\""))
                .body(containsString("<label for=\"field-channel\">"))
                .body(containsString("<label for=\"field-categories-DEFECTOR\">Defector</label>"))
                .body(containsString("<label for=\"field-eventTypes-CAPTURED\">Captured</label>"))
                .body(containsString("<option value=\"NORMAL\" selected>"))
                .body(containsString("<section id=\"deliveries\""))
                .body(containsString("id=\"delivery-" + FakeNotifications.DEAD_ID + "\" class=\"delivery-DEAD\""))
                .body(containsString("id=\"replay-" + FakeNotifications.DEAD_ID + "\""))
                .body(not(containsString("id=\"replay-" + FakeNotifications.DELIVERED_ID + "\"")))
                // An attempt nobody recorded was sent again by itself, with the same id: nothing to replay.
                .body(not(containsString("id=\"replay-" + FakeNotifications.RESENT_ID + "\"")))
                .body(containsString("Unknown: the attempt started, its outcome was never recorded; sent again"))
                .body(containsString("Attempts: 2"))
                .body(containsString("10,002 ms"))
                .body(containsString("HTTP 410"))
                .body(containsString("Will be retried"));
        String html = page.asString();
        save("subscriptions.html", html);
        assertFalse(Pattern.compile("\\sstyle=").matcher(html).find(), "no inline style");
        int forms = html.split("<form method=\"post\"", -1).length - 1;
        int tokens = html.split("name=\"csrf-token\"", -1).length - 1;
        assertEquals(forms, tokens, "every POST form carries the CSRF token");
        assertTrue(FakeNotifications.REQUESTS.contains("GET /api/v1/subscriptions?size=100 auth=true"));
        assertTrue(FakeNotifications.REQUESTS.contains("GET /api/v1/deliveries?page=0&size=20 auth=true"));

        browser.request().get("/subscriptions?status=DEAD&subscriptionId=" + FakeNotifications.WEBHOOK_ID)
                .then().statusCode(200).body(containsString("<option value=\"DEAD\" selected>"))
                .body(not(containsString("id=\"delivery-" + FakeNotifications.DELIVERED_ID + "\"")));
        assertTrue(FakeNotifications.REQUESTS.contains("GET /api/v1/deliveries?status=DEAD&subscriptionId="
                + FakeNotifications.WEBHOOK_ID + "&page=0&size=20 auth=true"));
    }

    @Test
    void creatingASubscriptionPostsTheRightJson() {
        Browser browser = Browser.signedIn("advocate-1", "advocate");
        int before = FakeNotifications.BODIES.size();
        browser.form().formParam("channel", "FEED").formParam("target", "left out for the feed")
                .formParam("categories", "NORTH_KOREAN_POW", "DEFECTOR", "NOT_A_CATEGORY")
                .formParam("eventTypes", "CAPTURED", "TRANSFERRED")
                .formParam("caseIds", FakeNotifications.CASE_ID + ",\n 00000000-0000-4000-8000-000000000001")
                .formParam("minUrgency", "HIGH").post("/subscriptions")
                .then().statusCode(303).header("Location", endsWith("/subscriptions?notice=created"));
        assertEquals(before + 1, FakeNotifications.BODIES.size());
        assertEquals("{\"channel\":\"FEED\",\"caseIds\":[\"" + FakeNotifications.CASE_ID
                + "\",\"00000000-0000-4000-8000-000000000001\"],\"categories\":[\"NORTH_KOREAN_POW\",\"DEFECTOR\"],"
                + "\"eventTypes\":[\"CAPTURED\",\"TRANSFERRED\"],\"minUrgency\":\"HIGH\"}",
                FakeNotifications.BODIES.get(before));
        browser.request().get("/subscriptions?notice=created").then()
                .body(containsString("id=\"notice\" role=\"status\">The subscription was created."));

        browser.form().formParam("channel", "EMAIL").formParam("target", "advocate@example.org")
                .post("/subscriptions").then().statusCode(303);
        assertEquals("{\"channel\":\"EMAIL\",\"target\":\"advocate@example.org\",\"minUrgency\":\"NORMAL\"}",
                FakeNotifications.BODIES.get(FakeNotifications.BODIES.size() - 1));
    }

    @Test
    void aRefusedSubscriptionShowsEachFieldErrorNextToItsFieldWithTheValuesKept() {
        Browser browser = Browser.signedIn("advocate-1", "advocate");
        Response refused = browser.form().formParam("channel", "WEBHOOK")
                .formParam("target", "http://alerts.example.org/homeward")
                .formParam("caseIds", FakeNotifications.CASE_ID + " not-a-case").formParam("categories", "DEFECTOR")
                .post("/subscriptions");
        save("subscription-refused.html", refused.asString());
        refused.then().statusCode(422)
                .body(containsString("id=\"subscription-error\" role=\"alert\""))
                .body(containsString("The request has invalid fields: 2 fields are not valid"))
                .body(containsString("id=\"error-target\">must be a public https URL"))
                .body(containsString("id=\"error-caseIds\">“not-a-case”: must be a case id (UUID)"))
                .body(containsString("aria-describedby=\"target-hint error-target\" aria-invalid=\"true\""))
                .body(containsString("value=\"http://alerts.example.org/homeward\""))
                .body(containsString(FakeNotifications.CASE_ID + " not-a-case</textarea>"))
                .body(containsString("<option value=\"WEBHOOK\" selected>"))
                .body(containsString("id=\"field-categories-DEFECTOR\" name=\"categories\" value=\"DEFECTOR\" checked"));

        int before = FakeNotifications.BODIES.size();
        browser.form().formParam("target", "").post("/subscriptions").then().statusCode(422)
                .body(containsString("id=\"error-channel\">is required"));
        browser.form().formParam("channel", "WEBHOOK").post("/subscriptions").then().statusCode(422)
                .body(containsString("id=\"error-target\">is required"));
        browser.form().formParam("channel", "PIGEON").post("/subscriptions").then().statusCode(422)
                .body(containsString("id=\"error-channel\">must be one of the choices"));
        assertEquals(before, FakeNotifications.BODIES.size(), "a form the console refuses is not sent");
    }

    @Test
    void aWebhooksSigningSecretIsShownOnceOnTheAnswerOnly() {
        Browser browser = Browser.signedIn("advocate-1", "advocate");
        Response created = browser.form().formParam("channel", "WEBHOOK")
                .formParam("target", "https://alerts.example.org/homeward").formParam("minUrgency", "HIGH")
                .post("/subscriptions");
        created.then().statusCode(200)
                .body(containsString("<code id=\"webhook-secret\" aria-describedby=\"webhook-secret-warning\">"
                        + FakeNotifications.SECRET + "</code>"))
                .body(containsString("id=\"webhook-secret-warning\" role=\"alert\">Copy this secret now"))
                .body(containsString("id=\"subscription-" + FakeNotifications.CREATED_ID + "\""));
        save("subscription-created.html", created.asString());
        assertEquals("no-store", created.getHeader("Cache-Control"));
        assertNull(created.getHeader("Location"));
        assertFalse(created.getHeaders().toString().contains(FakeNotifications.SECRET), "not in a header or cookie");
        assertEquals(Browser.CSP, created.getHeader("Content-Security-Policy"));
        assertEquals(1, created.asString().split(FakeNotifications.SECRET, -1).length - 1, "shown once");

        browser.request().get("/subscriptions").then().statusCode(200)
                .body(not(containsString(FakeNotifications.SECRET)))
                .body(not(containsString("id=\"webhook-secret\"")));
        browser.request().get("/subscriptions?notice=created").then()
                .body(not(containsString(FakeNotifications.SECRET)));
        browser.request().cookie("homeward_lang", "ko").get("/subscriptions").then()
                .body(not(containsString(FakeNotifications.SECRET)));
    }

    @Test
    void removingASubscriptionDeletesItThroughTheApi() {
        Browser browser = Browser.signedIn("advocate-1", "advocate");
        String path = "/subscriptions/" + FakeNotifications.WEBHOOK_ID + "/remove";
        String delete = "DELETE /api/v1/subscriptions/" + FakeNotifications.WEBHOOK_ID + " auth=true";
        long before = FakeNotifications.REQUESTS.stream().filter(delete::equals).count();
        browser.request().contentType(Browser.FORM).post(path).then().statusCode(400);
        assertEquals(before, FakeNotifications.REQUESTS.stream().filter(delete::equals).count(),
                "no CSRF token, no call");
        browser.form().post(path).then().statusCode(303)
                .header("Location", endsWith("/subscriptions?notice=removed"));
        assertEquals(before + 1, FakeNotifications.REQUESTS.stream().filter(delete::equals).count());
        browser.request().get("/subscriptions?notice=removed").then()
                .body(containsString("The subscription was removed."));
        browser.form().post("/subscriptions/" + FakeNotifications.FEED_ID + "/remove").then().statusCode(404);
        browser.form().post("/subscriptions/not-an-id/remove").then().statusCode(404);
    }

    @Test
    void replayingADeadDeliveryCallsRetry() {
        Browser browser = Browser.signedIn("advocate-1", "advocate");
        browser.request().contentType(Browser.FORM)
                .post("/subscriptions/deliveries/" + FakeNotifications.DEAD_ID + "/replay").then().statusCode(400);
        browser.form().post("/subscriptions/deliveries/" + FakeNotifications.DEAD_ID + "/replay").then()
                .statusCode(303).header("Location", endsWith("/subscriptions?notice=replayed"));
        assertTrue(FakeNotifications.REQUESTS.contains("POST /api/v1/deliveries/" + FakeNotifications.DEAD_ID
                + "/retry auth=true"));
        browser.form().post("/subscriptions/deliveries/" + FakeNotifications.DELIVERED_ID + "/replay").then()
                .statusCode(303).header("Location", endsWith("/subscriptions?notice=not-dead"));
        browser.request().get("/subscriptions?notice=replayed").then()
                .body(containsString("The delivery will be attempted again."));
    }

    @Test
    void subscriptionsAreForAdvocates() {
        Browser browser = Browser.signedIn("advocate-1", "caseworker");
        int before = FakeNotifications.REQUESTS.size();
        browser.request().get("/subscriptions").then().statusCode(200)
                .body(containsString("id=\"subscriptions-not-advocate\""))
                .body(not(containsString("id=\"subscription-form\"")));
        browser.form().formParam("channel", "FEED").post("/subscriptions").then().statusCode(403);
        browser.form().post("/subscriptions/" + FakeNotifications.WEBHOOK_ID + "/remove").then().statusCode(403);
        browser.form().post("/subscriptions/deliveries/" + FakeNotifications.DEAD_ID + "/replay").then()
                .statusCode(403);
        assertTrue(FakeNotifications.REQUESTS.subList(before, FakeNotifications.REQUESTS.size()).stream()
                .noneMatch(r -> r.contains("/subscriptions") || r.contains("/deliveries")));
        given().redirects().follow(false).get("/subscriptions").then().statusCode(303)
                .header("Location", endsWith("/sign-in"));
    }

    @Test
    void inKorean() {
        Browser browser = Browser.signedIn("advocate-1", "advocate");
        browser.request().cookie("homeward_lang", "ko").get("/subscriptions").then().statusCode(200)
                .body(containsString("<html lang=\"ko\">"))
                .body(containsString("<h1>구독과 전달</h1>"))
                .body(containsString(">웹훅</td>"))
                .body(containsString("시도 2회"))
                .body(containsString("10,002ms"))
                .body(containsString("2026. 2. 1."));
    }

    @Test
    void everyAnswerCarriesTheContentSecurityPolicy() {
        Browser advocate = Browser.signedIn("advocate-1", "advocate");
        Browser caseworker = Browser.signedIn("advocate-1", "caseworker");
        for (Response answer : List.of(advocate.request().get("/subscriptions"),
                advocate.request().get("/subscriptions?status=DEAD"),
                advocate.form().formParam("channel", "").post("/subscriptions"),
                advocate.form().formParam("channel", "FEED").post("/subscriptions"),
                advocate.form().post("/subscriptions/" + FakeNotifications.WEBHOOK_ID + "/remove"),
                advocate.form().post("/subscriptions/deliveries/" + FakeNotifications.DEAD_ID + "/replay"),
                advocate.request().contentType(Browser.FORM).post("/subscriptions"),
                caseworker.request().get("/subscriptions"),
                given().redirects().follow(false).get("/subscriptions"))) {
            assertEquals(Browser.CSP, answer.getHeader("Content-Security-Policy"));
            assertEquals("nosniff", answer.getHeader("X-Content-Type-Options"));
        }
    }

    /** The page as served, under target/pages/ for review. */
    static void save(String name, String html) {
        try {
            Path dir = Files.createDirectories(Path.of("target", "pages"));
            Files.writeString(dir.resolve(name), html);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
