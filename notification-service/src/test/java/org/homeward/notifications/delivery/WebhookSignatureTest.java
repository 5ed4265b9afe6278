package org.homeward.notifications.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.homeward.events.Alert;
import org.homeward.events.CaseState;
import org.homeward.events.CaseTransition;
import org.homeward.events.Category;
import org.homeward.events.EventType;
import org.homeward.events.TransitionStatus;
import org.homeward.events.Urgency;
import org.homeward.notifications.delivery.domain.NotificationMessage;
import org.homeward.notifications.delivery.webhook.WebhookSignature;
import org.homeward.notifications.subscription.domain.WebhookSecret;
import org.junit.jupiter.api.Test;

/** Signatures follow Standard Webhooks, and the worked example of docs/webhooks.md is what the code computes. */
class WebhookSignatureTest {

    /** The worked example of docs/webhooks.md: a partner can check their verifier against it. */
    static final String DOC_SECRET = "whsec_AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
    static final String DOC_ID = "3c1d2e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f";
    static final long DOC_TIMESTAMP = 1769936701L;
    static final String DOC_BODY = "{\"type\":\"case.transition\",\"timestamp\":\"2026-02-01T09:05:01Z\",\"data\":"
            + "{\"notificationId\":\"3c1d2e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f\","
            + "\"subscriptionId\":\"0b7e4a1c-5d2f-4e8a-9c3b-1a2b3c4d5e6f\","
            + "\"caseId\":\"6f1c2a8e-3b7d-4c55-9a10-2d3e4f5a6b7c\",\"eventId\":\"9a8b7c6d-5e4f-4a3b-2c1d-0e9f8a7b6c5d\","
            + "\"eventType\":\"TRANSFERRED\",\"category\":\"NORTH_KOREAN_POW\",\"status\":\"APPLIED\","
            + "\"fromState\":\"INTENT_STATED\",\"toState\":\"TRANSFERRED\",\"urgency\":\"CRITICAL\","
            + "\"alerts\":[\"FORCED_REPATRIATION_RISK\"],\"occurredAt\":\"2026-02-01T09:00:00Z\","
            + "\"receivedAt\":\"2026-02-01T09:04:30Z\","
            + "\"caseUrl\":\"https://cases.homeward.example/api/v1/cases/6f1c2a8e-3b7d-4c55-9a10-2d3e4f5a6b7c\"}}";
    static final String DOC_SIGNATURE = "v1,qaY8Ifkpw3KChfDFXNZxhq31Y91HhCC79+xXtdq5/v0=";

    @Test
    void theStandardWebhooksReferenceVectorVerifies() {
        // The test vector of the Standard Webhooks reference libraries.
        String signature = WebhookSignature.sign("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
                "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330L, "{\"test\": 2432232314}");
        assertEquals("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", signature);
    }

    @Test
    void theDocumentedExampleIsWhatTheServiceSendsAndSigns() throws Exception {
        UUID caseId = UUID.fromString("6f1c2a8e-3b7d-4c55-9a10-2d3e4f5a6b7c");
        CaseTransition transition = new CaseTransition(UUID.randomUUID(), caseId,
                UUID.fromString("9a8b7c6d-5e4f-4a3b-2c1d-0e9f8a7b6c5d"), EventType.TRANSFERRED,
                Category.NORTH_KOREAN_POW, TransitionStatus.APPLIED, CaseState.INTENT_STATED, CaseState.TRANSFERRED,
                org.homeward.events.ReasonCode.FORCED_REPATRIATION_RISK, Urgency.CRITICAL,
                List.of(Alert.FORCED_REPATRIATION_RISK), 4, Instant.parse("2026-02-01T09:00:00Z"),
                Instant.parse("2026-02-01T09:04:30Z"), Instant.parse("2026-02-01T09:05:00Z"), "defector-org",
                List.of("defector-org"));
        String body = NotificationMessage.of(UUID.fromString(DOC_ID),
                UUID.fromString("0b7e4a1c-5d2f-4e8a-9c3b-1a2b3c4d5e6f"), transition,
                Instant.parse("2026-02-01T09:05:01Z"),
                URI.create("https://cases.homeward.example/api/v1/cases/" + caseId)).toJson();
        String signature = WebhookSignature.sign(DOC_SECRET, DOC_ID, DOC_TIMESTAMP, body);

        assertEquals(DOC_BODY, body);
        assertEquals(DOC_SIGNATURE, signature);
        String doc = Files.readString(Path.of("..", "docs", "webhooks.md"), StandardCharsets.UTF_8);
        assertTrue(doc.contains(DOC_SECRET), "docs/webhooks.md shows the example secret");
        assertTrue(doc.contains(DOC_BODY), "docs/webhooks.md shows the example body byte for byte");
        assertTrue(doc.contains(DOC_SIGNATURE), "docs/webhooks.md shows the expected signature");
        assertTrue(doc.contains(Long.toString(DOC_TIMESTAMP)), "docs/webhooks.md shows the example timestamp");
        assertFalse(body.contains("\"reason\""), "the reason never travels: the alerts say it");
    }

    @Test
    void verificationAcceptsTheRightSignatureAmongSeveralAndRefusesTampering() {
        String secret = WebhookSecret.generate();
        String signature = WebhookSignature.sign(secret, "id-1", 1700000000L, "{\"a\":1}");
        assertTrue(WebhookSignature.verify(secret, "id-1", 1700000000L, "{\"a\":1}", "v1,bm90IGl0 " + signature));
        assertFalse(WebhookSignature.verify(secret, "id-1", 1700000000L, "{\"a\":2}", signature));
        assertFalse(WebhookSignature.verify(secret, "id-1", 1700000001L, "{\"a\":1}", signature));
        assertFalse(WebhookSignature.verify(WebhookSecret.generate(), "id-1", 1700000000L, "{\"a\":1}", signature));
    }

    @Test
    void secretsAreStandardWebhooksSecretsOf32RandomBytes() {
        String secret = WebhookSecret.generate();
        assertTrue(secret.startsWith("whsec_"));
        assertEquals(32, WebhookSecret.key(secret).length);
        assertFalse(secret.equals(WebhookSecret.generate()));
    }
}
