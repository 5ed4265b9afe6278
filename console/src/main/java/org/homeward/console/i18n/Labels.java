package org.homeward.console.i18n;

import io.quarkus.qute.i18n.Localized;
import io.quarkus.qute.i18n.MessageBundles;
import java.lang.reflect.Method;
import java.text.NumberFormat;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One request's language for what Java and the templates show: the labels of values the APIs send (a state, a
 * category, an event type...: message {@code prefix_VALUE} of {@link Messages}; a value this version does not know is
 * shown as it came), and dates, times and numbers formatted for the locale. Times are shown in UTC, said so.
 */
public final class Labels {

    private static final Map<String, Method> METHODS = new ConcurrentHashMap<>();

    private final String lang;
    private final Locale locale;
    private final Messages messages;

    private Labels(String lang, Messages messages) {
        this.lang = lang;
        this.locale = Locale.forLanguageTag(lang);
        this.messages = messages;
    }

    public static Labels of(String lang) {
        String known = Languages.known(lang) == null ? Languages.ENGLISH : lang;
        Messages messages = Languages.ENGLISH.equals(known) ? MessageBundles.get(Messages.class)
                : MessageBundles.get(Messages.class, Localized.Literal.of(known));
        return new Labels(known, messages);
    }

    /** For tests: labels over a given bundle. */
    public static Labels of(String lang, Messages messages) {
        return new Labels(lang, messages);
    }

    public String lang() {
        return lang;
    }

    public Locale locale() {
        return locale;
    }

    public Messages messages() {
        return messages;
    }

    public String state(String value) {
        return label("state", value);
    }

    public String category(String value) {
        return label("category", value);
    }

    public String type(String value) {
        return label("type", value);
    }

    public String status(String value) {
        return label("status", value);
    }

    public String vital(String value) {
        return label("vital", value);
    }

    public String urgency(String value) {
        return label("urgency", value);
    }

    public String alert(String value) {
        return label("alert", value);
    }

    public String option(String value) {
        return label("option", value);
    }

    public String field(String value) {
        return label("field", value);
    }

    public String sex(String value) {
        return label("sex", value);
    }

    public String role(String value) {
        return label("role", value);
    }

    /** A message of the console's own form checks ({@code required}, {@code date}...). */
    public String error(String code) {
        return label("error", code);
    }

    /** The message {@code prefix_value}; the value itself when there is none (a value this version does not know). */
    public String label(String prefix, String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        Method method = METHODS.computeIfAbsent(prefix + "_" + value, Labels::method);
        if (method == null) {
            return value;
        }
        try {
            return (String) method.invoke(messages);
        } catch (ReflectiveOperationException e) {
            return value;
        }
    }

    /** Whether {@code prefix_value} has a message. */
    public static boolean hasLabel(String prefix, String value) {
        return method(prefix + "_" + value) != null;
    }

    private static Method method(String name) {
        if (!name.matches("[A-Za-z0-9_]+")) {
            return null;
        }
        try {
            Method m = Messages.class.getMethod(name);
            return m.getReturnType() == String.class ? m : null;
        } catch (NoSuchMethodException e) {
            return null;
        }
    }

    /** An instant as a date and time in UTC, for the locale (e.g. "9 Jan 2025, 06:00 UTC"). */
    public String instant(Instant value) {
        if (value == null) {
            return "";
        }
        return DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT).withLocale(locale)
                .withZone(ZoneOffset.UTC).format(value) + " UTC";
    }

    public String date(LocalDate value) {
        return value == null ? "" : DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(locale)
                .format(value);
    }

    public String number(long value) {
        return NumberFormat.getIntegerInstance(locale).format(value);
    }

    /** A small whole number (a page, a count of items) for the locale. */
    public String count(int value) {
        return number((long) value);
    }

    /** A year as it is written (no grouping separator). */
    public String year(Integer value) {
        return value == null ? "" : value.toString();
    }

    @Override
    public String toString() {
        return "Labels[" + lang + "]";
    }
}
