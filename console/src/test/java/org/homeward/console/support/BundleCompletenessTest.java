package org.homeward.console.support;

import java.util.stream.Stream;
import org.homeward.console.alerts.AlertPageMessages;
import org.homeward.console.cases.CasePageMessages;
import org.homeward.console.cases.OpenCaseMessages;
import org.homeward.console.i18n.Messages;
import org.homeward.console.statistics.Stats;
import org.homeward.console.subscriptions.Subs;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every message bundle of the console has a complete Korean translation, with the same parameters, and no more. */
class BundleCompletenessTest {

    static Stream<BundleCompleteness> bundles() {
        return Stream.of(new BundleCompleteness(Messages.class, "msg_ko.properties", false),
                new BundleCompleteness(AlertPageMessages.class, "alertpage_ko.properties", true),
                new BundleCompleteness(CasePageMessages.class, "casepage_ko.properties", true),
                new BundleCompleteness(OpenCaseMessages.class, "opencase_ko.properties", false),
                new BundleCompleteness(Stats.class, "stats_ko.properties", false),
                new BundleCompleteness(Subs.class, "subs_ko.properties", false));
    }

    static Stream<BundleCompleteness> allHangulBundles() {
        return bundles().filter(BundleCompleteness::allHangul);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bundles")
    void everyMessageHasAKoreanTranslation(BundleCompleteness bundle) {
        bundle.everyMessageHasAKoreanTranslation();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bundles")
    void theKoreanFileHasNoKeyTheBundleDoesNotKnow(BundleCompleteness bundle) {
        bundle.theKoreanFileHasNoKeyTheBundleDoesNotKnow();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bundles")
    void koreanTranslationsKeepTheirParametersAndAddNone(BundleCompleteness bundle) {
        bundle.koreanTranslationsKeepTheirParametersAndAddNone();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("allHangulBundles")
    void theKoreanTextIsKorean(BundleCompleteness bundle) {
        bundle.theKoreanTextIsKorean();
    }
}
