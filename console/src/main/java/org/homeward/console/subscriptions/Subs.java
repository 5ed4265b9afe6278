package org.homeward.console.subscriptions;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * Every string of the subscriptions and deliveries page, English by default; Korean in
 * {@code messages/subs_ko.properties} ({@code SubsMessagesTest} checks that every message has a Korean translation).
 * Templates use them as {@code {subs:key}}; channels, delivery statuses and attempt outcomes are looked up by
 * {@link SubsLabels}. Categories, event types and urgencies keep their labels of the console's main bundle.
 */
@MessageBundle(value = "subs", locale = "en")
public interface Subs {

    @Message("Subscriptions and deliveries")
    String title();

    @Message("What you hear about, and how: in this console's feed, by e-mail, or as a signed webhook.")
    String intro();

    @Message("Subscriptions are for advocates: your roles do not include advocate.")
    String not_advocate();

    // The list
    @Message("Your subscriptions")
    String list_heading();

    @Message("You have no subscription.")
    String list_none();

    @Message("Subscriptions: {total}")
    String list_total(String total);

    @Message("Channel")
    String col_channel();

    @Message("Target")
    String col_target();

    @Message("Cases")
    String col_cases();

    @Message("Categories")
    String col_categories();

    @Message("Event types")
    String col_eventTypes();

    @Message("Minimum urgency")
    String col_minUrgency();

    @Message("Created")
    String col_created();

    @Message("Actions")
    String col_actions();

    @Message("Any")
    String any();

    @Message("Remove")
    String remove();

    @Message("the {channel} subscription created {created}")
    String remove_which(String channel, String created);

    @Message("Its deliveries")
    String its_deliveries();

    // The form
    @Message("Subscribe")
    String form_heading();

    @Message("Channel")
    String field_channel();

    @Message("Choose…")
    String choose();

    @Message("Required")
    String required();

    @Message("Target")
    String field_target();

    @Message("For a webhook, the https address to post to; for e-mail, the address to write to; left out for the feed.")
    String target_hint();

    @Message("Categories")
    String field_categories();

    @Message("None checked: any category.")
    String categories_hint();

    @Message("Event types")
    String field_eventTypes();

    @Message("None checked: any event type. Critical alerts (forced-repatriation risk, life after death) reach you regardless.")
    String eventTypes_hint();

    @Message("Case ids")
    String field_caseIds();

    @Message("Case ids separated by spaces, commas or lines; empty: any case.")
    String caseIds_hint();

    @Message("Minimum urgency")
    String field_minUrgency();

    @Message("Critical alerts reach you whatever the minimum urgency.")
    String minUrgency_hint();

    @Message("Subscribe")
    String submit();

    @Message("The subscription was not created; see the fields below.")
    String form_failed();

    @Message("is required")
    String error_required();

    @Message("must be one of the choices")
    String error_choice();

    // Answers
    @Message("The subscription was created.")
    String notice_created();

    @Message("The subscription was removed.")
    String notice_removed();

    @Message("The delivery will be attempted again.")
    String notice_replayed();

    @Message("This delivery is no longer dead: it was not replayed.")
    String notice_not_dead();

    @Message("Subscription created")
    String created_title();

    @Message("Signing secret")
    String secret_heading();

    @Message("Copy this secret now: it is shown this once only, and neither Homeward nor this console will show it again. Your receiver checks the signature of every webhook with it. If it is lost, remove the subscription and create a new one.")
    String secret_warning();

    @Message("The subscription")
    String created_subscription();

    @Message("Back to the subscriptions")
    String back();

    // Channels
    @Message("Feed (this console)")
    String channel_FEED();

    @Message("E-mail")
    String channel_EMAIL();

    @Message("Webhook")
    String channel_WEBHOOK();

    // Deliveries
    @Message("Deliveries")
    String deliveries_heading();

    @Message("Webhook and e-mail deliveries of your subscriptions, newest first, with every attempt.")
    String deliveries_intro();

    @Message("Status")
    String deliveries_status();

    @Message("Any")
    String deliveries_any();

    @Message("Filter")
    String deliveries_filter();

    @Message("Only the deliveries of one subscription.")
    String deliveries_one_subscription();

    @Message("All deliveries")
    String deliveries_all();

    @Message("No delivery.")
    String deliveries_none();

    @Message("Deliveries: {total}")
    String deliveries_total(String total);

    @Message("Status")
    String col_status();

    @Message("Case")
    String col_case();

    @Message("Last error")
    String col_lastError();

    @Message("Next attempt")
    String col_nextAttempt();

    @Message("Attempts")
    String col_attempts();

    @Message("Attempts: {count}")
    String attempts_count(String count);

    @Message("Attempt")
    String col_attempt();

    @Message("Started")
    String col_started();

    @Message("Duration")
    String col_duration();

    @Message("Outcome")
    String col_outcome();

    @Message("HTTP status")
    String col_httpStatus();

    @Message("Error")
    String col_error();

    @Message("{ms} ms")
    String duration_ms(String ms);

    @Message("Replay")
    String replay();

    @Message("the delivery created {created}")
    String replay_which(String created);

    @Message("Pending")
    String status_PENDING();

    @Message("Delivered")
    String status_DELIVERED();

    @Message("Dead")
    String status_DEAD();

    @Message("Cancelled")
    String status_CANCELLED();

    @Message("Delivered")
    String outcome_DELIVERED();

    @Message("Will be retried")
    String outcome_RETRY();

    @Message("Dead")
    String outcome_DEAD();

    @Message("Unknown: the attempt started, its outcome was never recorded; sent again with the same id")
    String outcome_UNKNOWN();

    // Paging
    @Message("Paging of the deliveries")
    String paging_label();

    @Message("Page {page} of {pages}")
    String page_of(String page, String pages);

    @Message("Previous page")
    String page_previous();

    @Message("Next page")
    String page_next();
}
