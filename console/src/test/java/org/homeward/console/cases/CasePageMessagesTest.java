package org.homeward.console.cases;

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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Every message of the case page's bundle ({@link CasePageMessages}) has a Korean translation, and no more. */
class CasePageMessagesTest {

    static Properties korean() throws IOException {
        Properties properties = new Properties();
        InputStream in = CasePageMessagesTest.class.getResourceAsStream("/messages/casepage_ko.properties");
        assertNotNull(in, "messages/casepage_ko.properties");
        try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        return properties;
    }

    static Set<String> messageKeys() {
        return Arrays.stream(CasePageMessages.class.getDeclaredMethods()).map(Method::getName)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void everyMessageHasAKoreanTranslation() throws IOException {
        Properties ko = korean();
        Set<String> missing = new TreeSet<>(messageKeys());
        missing.removeIf(key -> ko.getProperty(key) != null && !ko.getProperty(key).isBlank());
        assertEquals(Set.of(), missing, "messages without a Korean translation in casepage_ko.properties");
    }

    @Test
    void theKoreanFileHasNoKeyTheBundleDoesNotKnow() throws IOException {
        Set<String> extra = new TreeSet<>(korean().stringPropertyNames());
        extra.removeAll(messageKeys());
        assertEquals(Set.of(), extra);
    }

    @Test
    void koreanTranslationsKeepTheirParametersAndAddNone() throws IOException {
        Properties ko = korean();
        Pattern parameter = Pattern.compile("\\{(\\w+)}");
        for (Method method : CasePageMessages.class.getDeclaredMethods()) {
            Set<String> declared = Arrays.stream(method.getParameters()).map(p -> p.getName())
                    .collect(Collectors.toCollection(TreeSet::new));
            Set<String> used = new TreeSet<>();
            Matcher m = parameter.matcher(ko.getProperty(method.getName(), ""));
            while (m.find()) {
                used.add(m.group(1));
            }
            assertEquals(declared, used, method.getName());
        }
    }

    @Test
    void theKoreanTextIsKorean() throws IOException {
        Properties ko = korean();
        for (String key : ko.stringPropertyNames()) {
            assertTrue(ko.getProperty(key).codePoints().anyMatch(c -> Character.UnicodeScript.of(c)
                    == Character.UnicodeScript.HANGUL), key + " is not translated");
        }
    }
}
