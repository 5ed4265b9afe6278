package org.homeward.console.subscriptions;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.homeward.console.i18n.Labels;
import org.homeward.console.support.BundleCompleteness;
import org.junit.jupiter.api.Test;

/** Every value the subscriptions page shows has a label (the bundle's translation: {@code BundleCompletenessTest}). */
class SubsMessagesTest {

    @Test
    void everyValueThePageShowsHasALabel() {
        Set<String> keys = BundleCompleteness.keys(Subs.class);
        SubscriptionForm.CHANNELS.forEach(v -> assertTrue(keys.contains("channel_" + v), v));
        SubscriptionsResource.STATUSES.forEach(v -> assertTrue(keys.contains("status_" + v), v));
        SubscriptionsResource.OUTCOMES.forEach(v -> assertTrue(keys.contains("outcome_" + v), v));
        SubscriptionsResource.EVENT_TYPES.forEach(v -> assertTrue(Labels.hasLabel("type", v), v));
    }
}
