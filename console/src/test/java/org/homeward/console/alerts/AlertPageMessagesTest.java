package org.homeward.console.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.homeward.console.i18n.Labels;
import org.junit.jupiter.api.Test;

/** Every string of the alert page's bundle has a Korean translation, and every value its filters offer a label. */
class AlertPageMessagesTest {

    static Properties korean() throws IOException {
        Properties properties = new Properties();
        try (InputStream in = AlertPageMessagesTest.class.getResourceAsStream("/messages/alertpage_ko.properties")) {
            assertNotNull(in, "messages/alertpage_ko.properties");
            try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                properties.load(reader);
            }
        }
        return properties;
    }

    static Set<String> messageKeys() {
        return Arrays.stream(AlertPageMessages.class.getDeclaredMethods()).map(Method::getName)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void everyMessageHasAKoreanTranslation() throws IOException {
        Properties ko = korean();
        Set<String> missing = new TreeSet<>(messageKeys());
        missing.removeIf(key -> ko.getProperty(key) != null && !ko.getProperty(key).isBlank());
        assertEquals(Set.of(), missing, "messages without a Korean translation in alertpage_ko.properties");
    }

    @Test
    void theKoreanFileHasNoKeyTheBundleDoesNotKnow() throws IOException {
        Set<String> extra = new TreeSet<>(korean().stringPropertyNames());
        extra.removeAll(messageKeys());
        assertEquals(Set.of(), extra);
    }

    @Test
    void koreanTranslationsKeepTheirParametersAndAreKorean() throws IOException {
        Properties ko = korean();
        for (Method method : AlertPageMessages.class.getDeclaredMethods()) {
            String translation = ko.getProperty(method.getName());
            for (var parameter : method.getParameters()) {
                assertTrue(translation.contains("{" + parameter.getName() + "}"),
                        method.getName() + " must use {" + parameter.getName() + "}");
            }
            assertTrue(translation.codePoints().anyMatch(c -> Character.UnicodeScript.of(c)
                    == Character.UnicodeScript.HANGUL), method.getName() + " is not translated: " + translation);
        }
    }

    @Test
    void everyValueTheFiltersOfferHasALabel() {
        AlertsResource.URGENCIES.forEach(v -> assertTrue(Labels.hasLabel("urgency", v), v));
        AlertsResource.CATEGORIES.forEach(v -> assertTrue(Labels.hasLabel("category", v), v));
    }
}
