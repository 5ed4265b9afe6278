package org.homeward.console.statistics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.homeward.console.i18n.Labels;
import org.junit.jupiter.api.Test;

/** Every message of the statistics bundle has a Korean translation, and every age group a label. */
class StatsMessagesTest {

    static Properties korean() throws IOException {
        Properties properties = new Properties();
        InputStream in = StatsMessagesTest.class.getResourceAsStream("/messages/stats_ko.properties");
        assertNotNull(in, "messages/stats_ko.properties");
        try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        return properties;
    }

    static Set<String> messageKeys() {
        return Arrays.stream(Stats.class.getDeclaredMethods()).map(Method::getName)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void everyMessageHasAKoreanTranslation() throws IOException {
        Properties ko = korean();
        Set<String> missing = new TreeSet<>(messageKeys());
        missing.removeIf(key -> ko.getProperty(key) != null && !ko.getProperty(key).isBlank());
        assertEquals(Set.of(), missing, "messages without a Korean translation in stats_ko.properties");
    }

    @Test
    void theKoreanFileHasNoKeyTheBundleDoesNotKnow() throws IOException {
        Set<String> extra = new TreeSet<>(korean().stringPropertyNames());
        extra.removeAll(messageKeys());
        assertEquals(Set.of(), extra);
    }

    @Test
    void koreanTranslationsKeepTheirParameters() throws IOException {
        Properties ko = korean();
        for (Method method : Stats.class.getDeclaredMethods()) {
            for (var parameter : method.getParameters()) {
                assertTrue(ko.getProperty(method.getName()).contains("{" + parameter.getName() + "}"),
                        method.getName() + " must use {" + parameter.getName() + "}");
            }
        }
    }

    @Test
    void everyAgeGroupHasALabel() {
        // A bundle answering each message by its name: an age group shown as it came has no message.
        Stats names = (Stats) Proxy.newProxyInstance(Stats.class.getClassLoader(), new Class<?>[] {Stats.class},
                (proxy, method, args) -> method.getName());
        Charts charts = new Charts(Labels.of("en", null), names, null);
        for (String group : Charts.AGE_GROUPS) {
            String label = charts.ageGroup(group);
            assertTrue(label.startsWith("age_") && messageKeys().contains(label), group + " → " + label);
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
