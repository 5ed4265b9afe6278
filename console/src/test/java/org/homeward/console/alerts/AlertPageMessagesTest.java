package org.homeward.console.alerts;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.homeward.console.i18n.Labels;
import org.junit.jupiter.api.Test;

/** Every value the alert page's filters offer has a label (its bundle's translations: BundleCompletenessTest). */
class AlertPageMessagesTest {

    @Test
    void everyValueTheFiltersOfferHasALabel() {
        AlertsResource.URGENCIES.forEach(v -> assertTrue(Labels.hasLabel("urgency", v), v));
        AlertsResource.CATEGORIES.forEach(v -> assertTrue(Labels.hasLabel("category", v), v));
    }
}
