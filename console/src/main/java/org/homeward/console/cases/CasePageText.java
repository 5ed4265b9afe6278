package org.homeward.console.cases;

import io.quarkus.qute.i18n.Localized;
import io.quarkus.qute.i18n.MessageBundles;
import org.homeward.console.i18n.Languages;

/** The case page's own messages ({@link CasePageMessages}) in a request's language, for what Java puts on the page. */
final class CasePageText {

    private CasePageText() {
    }

    static CasePageMessages of(String lang) {
        return lang == null || Languages.ENGLISH.equals(lang) || Languages.known(lang) == null
                ? MessageBundles.get(CasePageMessages.class)
                : MessageBundles.get(CasePageMessages.class, Localized.Literal.of(lang));
    }
}
