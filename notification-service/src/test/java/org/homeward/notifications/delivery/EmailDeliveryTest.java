package org.homeward.notifications.delivery;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.homeward.events.Alert;
import org.homeward.events.Category;
import org.homeward.events.EventType;
import org.homeward.events.Urgency;
import org.homeward.notifications.support.Advocates;
import org.homeward.notifications.support.GreenMailResource;
import org.homeward.notifications.support.Mailboxes;
import org.homeward.notifications.support.Transitions;
import org.homeward.stack.HomewardTestStack;
import org.junit.jupiter.api.Test;

/** E-mail through a real SMTP server (GreenMail), read back over IMAP. */
@QuarkusTest
@QuarkusTestResource(value = HomewardTestStack.class,
        initArgs = @ResourceArg(name = "database", value = "notifications"))
@QuarkusTestResource(GreenMailResource.class)
class EmailDeliveryTest {

    @Test
    void aShortTextWithTheLinkReachesTheMailboxAndNothingPersonal() throws Exception {
        String advocate = Advocates.fresh();
        String address = "advocate-" + UUID.randomUUID() + "@homeward.test";
        UUID caseId = UUID.randomUUID();
        JsonPath subscription = Advocates.subscribe(advocate, """
                {"channel": "EMAIL", "target": "%s", "caseIds": ["%s"], "minUrgency": "HIGH"}"""
                .formatted(address, caseId));
        Transitions.publish(Transitions.of(caseId, EventType.NOTE_ADDED, Urgency.LOW));
        Transitions.publish(Transitions.of(caseId, Category.NORTH_KOREAN_POW, EventType.PROOF_OF_LIFE,
                Urgency.CRITICAL, org.homeward.events.ReasonCode.LIFE_AFTER_DEATH, Alert.LIFE_AFTER_DEATH));

        await().atMost(Duration.ofSeconds(90)).until(() -> Mailboxes.read(address).size() == 1);
        Mailboxes.Mail mail = Mailboxes.read(address).get(0);
        assertEquals(List.of(address), mail.to());
        assertEquals("[Homeward] CRITICAL: PROOF_OF_LIFE on case " + caseId, mail.subject());
        assertTrue(mail.text().contains("Open the case: http://localhost:8082/api/v1/cases/" + caseId), mail.text());
        assertTrue(mail.text().contains("Alerts:    LIFE_AFTER_DEATH"), mail.text());
        assertTrue(mail.text().contains("Occurred:  2025-10-28T00:00:00Z"), mail.text());
        assertFalse(mail.text().contains("Reason"), "the reason stays behind the link");
        assertTrue(mail.text().length() < 1000, "a short text");
        assertEquals("<" + mail.notificationId() + "@notifications.homeward>", mail.messageId(),
                "a Message-ID fixed per delivery: the same on every attempt and replay");

        Advocates.as(advocate).queryParam("subscriptionId", subscription.getString("id"))
                .get("/api/v1/deliveries").then()
                .body("total", equalTo(1))
                .body("items[0].channel", equalTo("EMAIL"))
                .body("items[0].status", equalTo("DELIVERED"))
                .body("items[0].notificationId", equalTo(mail.notificationId()))
                .body("items[0].attempts.outcome", contains("DELIVERED"));
    }
}
