package org.homeward.console.statistics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.util.Set;
import org.homeward.console.i18n.Labels;
import org.homeward.console.support.BundleCompleteness;
import org.junit.jupiter.api.Test;

/** Every age group has a label, and CSV cells are safe (the bundle's translation: {@code BundleCompletenessTest}). */
class StatsMessagesTest {

    @Test
    void everyAgeGroupHasALabel() {
        // A bundle answering each message by its name: an age group shown as it came has no message.
        Stats names = (Stats) Proxy.newProxyInstance(Stats.class.getClassLoader(), new Class<?>[] {Stats.class},
                (proxy, method, args) -> method.getName());
        Charts charts = new Charts(Labels.of("en", null), names, null);
        Set<String> keys = BundleCompleteness.keys(Stats.class);
        for (String group : Charts.AGE_GROUPS) {
            String label = charts.ageGroup(group);
            assertTrue(label.startsWith("age_") && keys.contains(label), group + " → " + label);
        }
        assertEquals("unheard of", charts.ageGroup("unheard of"));
    }

    @Test
    void csvCellsAreQuotedAndNeverFormulas() {
        assertEquals("plain", Charts.cell("plain"));
        assertEquals("\"a, b\"", Charts.cell("a, b"));
        assertEquals("\"say \"\"hi\"\"\"", Charts.cell("say \"hi\""));
        assertEquals("'=SUM(A1)", Charts.cell("=SUM(A1)"));
        assertEquals("-12", Charts.cell("-12"));
    }
}
