package org.homeward.console.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A message bundle of the console (an interface whose methods are its messages) and its Korean file under
 * {@code messages/}, with the checks that the one translates the other completely; {@code allHangul} if every
 * translation must have Hangul in it (not so where a name such as "Homeward" or a unit such as "ms" stays as it is).
 */
public record BundleCompleteness(Class<?> bundle, String file, boolean allHangul) {

    private static final Pattern PARAMETER = Pattern.compile("\\{(\\w+)}");

    /** The names of the bundle's messages. */
    public static Set<String> keys(Class<?> bundle) {
        return Arrays.stream(bundle.getDeclaredMethods()).map(Method::getName)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** The Korean file, read as UTF-8. */
    public Properties korean() {
        Properties properties = new Properties();
        try (InputStream in = BundleCompleteness.class.getResourceAsStream("/messages/" + file)) {
            assertNotNull(in, "messages/" + file);
            try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                properties.load(reader);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }

    /** Every message has a (non-blank) Korean translation. */
    public void everyMessageHasAKoreanTranslation() {
        Properties ko = korean();
        Set<String> missing = new TreeSet<>(keys(bundle));
        missing.removeIf(key -> ko.getProperty(key) != null && !ko.getProperty(key).isBlank());
        assertEquals(Set.of(), missing, "messages without a Korean translation in " + file);
    }

    /** The Korean file has no key the bundle does not know. */
    public void theKoreanFileHasNoKeyTheBundleDoesNotKnow() {
        Set<String> extra = new TreeSet<>(korean().stringPropertyNames());
        extra.removeAll(keys(bundle));
        assertEquals(Set.of(), extra);
    }

    /** Each translation uses every parameter of its message, and no other. */
    public void koreanTranslationsKeepTheirParametersAndAddNone() {
        Properties ko = korean();
        for (Method method : bundle.getDeclaredMethods()) {
            String translation = ko.getProperty(method.getName(), "");
            for (Parameter parameter : method.getParameters()) {
                assertTrue(translation.contains("{" + parameter.getName() + "}"),
                        method.getName() + " must use {" + parameter.getName() + "}");
            }
            Set<String> declared = Arrays.stream(method.getParameters()).map(Parameter::getName)
                    .collect(Collectors.toCollection(TreeSet::new));
            Set<String> used = new TreeSet<>();
            Matcher m = PARAMETER.matcher(translation);
            while (m.find()) {
                used.add(m.group(1));
            }
            assertEquals(declared, used, method.getName());
        }
    }

    /** Every translation is written (at least partly) in Hangul. */
    public void theKoreanTextIsKorean() {
        Properties ko = korean();
        for (String key : ko.stringPropertyNames()) {
            String translation = ko.getProperty(key);
            assertTrue(translation.codePoints().anyMatch(c -> Character.UnicodeScript.of(c)
                    == Character.UnicodeScript.HANGUL), key + " is not translated: " + translation);
        }
    }

    @Override
    public String toString() {
        return bundle.getSimpleName() + " / " + file;
    }
}
