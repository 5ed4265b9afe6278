package org.homeward.console.cases;

import io.quarkus.qute.i18n.Localized;
import io.quarkus.qute.i18n.MessageBundles;
import org.homeward.console.i18n.Languages;

/** The page that opens a case: its own messages ({@link OpenCaseMessages}) in a request's language, for what Java puts on the page. */
final class OpenCaseText {

    private OpenCaseText() {
    }

    static OpenCaseMessages of(String lang) {
        return lang == null || Languages.ENGLISH.equals(lang) || Languages.known(lang) == null
                ? MessageBundles.get(OpenCaseMessages.class)
                : MessageBundles.get(OpenCaseMessages.class, Localized.Literal.of(lang));
    }
}
