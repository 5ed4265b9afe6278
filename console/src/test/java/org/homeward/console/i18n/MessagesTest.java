package org.homeward.console.i18n;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.homeward.console.alerts.AlertsResource;
import org.homeward.console.cases.CasesResource;
import org.homeward.console.cases.EventForms;
import org.homeward.console.session.LocalTokenMinter;
import org.junit.jupiter.api.Test;

/**
 * Every value the pages show has a label, and the language is chosen as it should be. (That every message has a
 * Korean translation is {@code support.BundleCompletenessTest}.)
 */
class MessagesTest {

    @Test
    void everyValueThePagesShowHasALabel() {
        CasesResource.CATEGORIES.forEach(v -> assertTrue(Labels.hasLabel("category", v), v));
        CasesResource.STATES.forEach(v -> assertTrue(Labels.hasLabel("state", v), v));
        AlertsResource.URGENCIES.forEach(v -> assertTrue(Labels.hasLabel("urgency", v), v));
        LocalTokenMinter.ROLES.forEach(v -> assertTrue(Labels.hasLabel("role", v), v));
        // The alerts of case-events' Alert (the console reads them as text, without the module).
        for (String alert : new String[] {"FORCED_REPATRIATION_RISK", "LIFE_AFTER_DEATH", "DATA_QUALITY",
                "POSSIBLE_DUPLICATE", "POSSIBLE_DUPLICATE_ELSEWHERE", "UNRECOGNISED_DESTINATION", "CASE_ON_HOLD"}) {
            assertTrue(Labels.hasLabel("alert", alert), alert);
        }
        for (EventForms.Spec spec : EventForms.TYPES) {
            assertTrue(Labels.hasLabel("type", spec.type()), spec.type());
            for (EventForms.Field field : spec.fields()) {
                assertTrue(Labels.hasLabel("field", field.name()), field.name());
                field.options().forEach(o -> assertTrue(Labels.hasLabel("option", o), o));
            }
        }
        for (String code : new String[] {"required", "datetime", "date", "option", "event_id", "type"}) {
            assertTrue(Labels.hasLabel("error", code), code);
        }
    }

    @Test
    void theLanguageComesFromTheCookieThenTheBrowserThenEnglish() {
        assertEquals("ko", Languages.resolve("ko", "en"));
        assertEquals("en", Languages.resolve("en", "ko"));
        assertEquals("ko", Languages.resolve(null, "ko-KR,ko;q=0.9,en;q=0.8"));
        assertEquals("en", Languages.resolve("fr", "de-DE"));
        assertEquals("en", Languages.resolve(null, "not a ;;; header"));
        assertEquals("en", Languages.resolve(null, null));
    }
}
