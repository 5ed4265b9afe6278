package org.homeward.console.i18n;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.homeward.console.alerts.AlertsResource;
import org.homeward.console.cases.CasesResource;
import org.homeward.console.cases.EventForms;
import org.homeward.console.session.LocalTokenMinter;
import org.junit.jupiter.api.Test;

/** Every message has a Korean translation, and every value the pages show has a label. */
class MessagesTest {

    static Properties korean() throws IOException {
        Properties properties = new Properties();
        try (Reader reader = new InputStreamReader(MessagesTest.class.getResourceAsStream("/messages/msg_ko.properties"),
                StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        return properties;
    }

    static Set<String> messageKeys() {
        return Arrays.stream(Messages.class.getDeclaredMethods()).map(Method::getName)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void everyMessageHasAKoreanTranslation() throws IOException {
        Properties ko = korean();
        Set<String> missing = new TreeSet<>(messageKeys());
        missing.removeIf(key -> ko.getProperty(key) != null && !ko.getProperty(key).isBlank());
        assertEquals(Set.of(), missing, "messages without a Korean translation in msg_ko.properties");
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
        for (Method method : Messages.class.getDeclaredMethods()) {
            for (var parameter : method.getParameters()) {
                assertTrue(ko.getProperty(method.getName()).contains("{" + parameter.getName() + "}"),
                        method.getName() + " must use {" + parameter.getName() + "}");
            }
        }
    }

    @Test
    void everyValueThePagesShowHasALabel() {
        CasesResource.CATEGORIES.forEach(v -> assertTrue(Labels.hasLabel("category", v), v));
        CasesResource.STATES.forEach(v -> assertTrue(Labels.hasLabel("state", v), v));
        AlertsResource.URGENCIES.forEach(v -> assertTrue(Labels.hasLabel("urgency", v), v));
        LocalTokenMinter.ROLES.forEach(v -> assertTrue(Labels.hasLabel("role", v), v));
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
