package org.homeward.console.alerts;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * The alert page's own strings (English by default; Korean in {@code messages/alertpage_ko.properties},
 * {@code AlertPageMessagesTest} checks every one has a translation). Templates use them as {@code {alertpage:key}}.
 * The page's older strings are in {@link org.homeward.console.i18n.Messages}.
 */
@MessageBundle(value = "alertpage", locale = "en")
public interface AlertPageMessages {

    @Message("Category")
    String category();

    @Message("Source")
    String col_source();

    @Message("Organisation-wide")
    String organisation_wide();

    @Message("Your subscription")
    String own();

    @Message("Critical alerts of every case your organisation may see reach every advocate of it, subscribed or not; they are marked \"Organisation-wide\". Acknowledging one acknowledges it for you only.")
    String organisation_wide_explained();

    @Message("{count} unacknowledged")
    String unacknowledged(String count);

    @Message("Clear the filters")
    String clear_filters();

    @Message("The case id is not valid: it must look like 6f1c2a8e-3b7d-4c55-9a10-2d3e4f5a6b7c.")
    String case_id_invalid();
}
