package org.homeward.console.subscriptions;

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

/** Every message of the subscriptions bundle has a Korean translation, and every value the page shows a label. */
class SubsMessagesTest {

    static Properties korean() throws IOException {
        Properties properties = new Properties();
        InputStream in = SubsMessagesTest.class.getResourceAsStream("/messages/subs_ko.properties");
        assertNotNull(in, "messages/subs_ko.properties");
        try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        return properties;
    }

    static Set<String> messageKeys() {
        return Arrays.stream(Subs.class.getDeclaredMethods()).map(Method::getName)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void everyMessageHasAKoreanTranslation() throws IOException {
        Properties ko = korean();
        Set<String> missing = new TreeSet<>(messageKeys());
        missing.removeIf(key -> ko.getProperty(key) != null && !ko.getProperty(key).isBlank());
        assertEquals(Set.of(), missing, "messages without a Korean translation in subs_ko.properties");
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
        for (Method method : Subs.class.getDeclaredMethods()) {
            for (var parameter : method.getParameters()) {
                assertTrue(ko.getProperty(method.getName()).contains("{" + parameter.getName() + "}"),
                        method.getName() + " must use {" + parameter.getName() + "}");
            }
        }
    }

    @Test
    void everyValueThePageShowsHasALabel() {
        Set<String> keys = messageKeys();
        SubscriptionForm.CHANNELS.forEach(v -> assertTrue(keys.contains("channel_" + v), v));
        SubscriptionsResource.STATUSES.forEach(v -> assertTrue(keys.contains("status_" + v), v));
        SubscriptionsResource.OUTCOMES.forEach(v -> assertTrue(keys.contains("outcome_" + v), v));
        SubscriptionsResource.EVENT_TYPES.forEach(v -> assertTrue(Labels.hasLabel("type", v), v));
    }
}
