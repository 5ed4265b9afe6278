package org.homeward.console.i18n;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * Every user-visible string of the console, English by default; Korean in {@code messages/msg_ko.properties}
 * ({@code MessagesTest} checks that every message has a Korean translation). Templates use them as {@code {msg:key}};
 * labels of values the APIs send (states, categories, event types...) are looked up by {@link Labels}, by key
 * {@code prefix_VALUE}.
 */
@MessageBundle(value = "msg", locale = "en")
public interface Messages {

    // The frame of every page
    @Message("Homeward")
    String app_name();

    @Message("Skip to the content")
    String skip_to_content();

    @Message("Main")
    String nav_label();

    @Message("Cases")
    String nav_cases();

    @Message("Alerts")
    String nav_alerts();

    @Message("Statistics")
    String nav_statistics();

    @Message("Subscriptions")
    String nav_subscriptions();

    @Message("unacknowledged alerts")
    String alert_count_label();

    @Message("Signed in as {user} ({organisation})")
    String signed_in_as(String user, String organisation);

    @Message("Sign out")
    String sign_out();

    @Message("Language")
    String language();

    @Message("English")
    String lang_en();

    @Message("한국어")
    String lang_ko();

    @Message("Critical alert")
    String critical_banner();

    @Message("Open the case")
    String critical_banner_link();

    @Message("Close")
    String close();

    // Sign-in
    @Message("Sign in")
    String sign_in_title();

    @Message("Local system only: this page signs you in with any organisation, name and roles you choose. It exists only on a local system started with ./homeward up; a deployment signs in through its identity provider.")
    String sign_in_local_warning();

    @Message("Organisation")
    String sign_in_organisation();

    @Message("Name")
    String sign_in_name();

    @Message("Roles")
    String sign_in_roles();

    @Message("Sign in")
    String sign_in_submit();

    @Message("Enter an organisation id (letters, digits, '.', '_', ':' or '-'), a name and at least one role.")
    String sign_in_invalid();

    @Message("No sign-in is configured on this console.")
    String sign_in_unavailable();

    @Message("You have been signed out.")
    String signed_out();

    @Message("Sign in again")
    String sign_in_again();

    @Message("Your account at the sign-in provider names no organisation, so the console cannot act for you. Ask your administrator to add it, then sign out and sign in again.")
    String sign_in_refused();

    // Cases
    @Message("Cases")
    String cases_title();

    @Message("Find a person")
    String search_heading();

    @Message("Name (Hangul or any romanisation)")
    String search_name();

    @Message("The name is sent with the form, never in the address bar.")
    String search_name_hint();

    @Message("Category")
    String filter_category();

    @Message("State")
    String filter_state();

    @Message("Any")
    String filter_any();

    @Message("Search")
    String search_submit();

    @Message("Clear")
    String search_clear();

    @Message("{total} cases")
    String cases_total(String total);

    @Message("Results for the name you searched")
    String search_results();

    @Message("No case matches.")
    String cases_none();

    @Message("Hangul name")
    String col_hangul();

    @Message("Romanisation")
    String col_romanized();

    @Message("Category")
    String col_category();

    @Message("State")
    String col_state();

    @Message("Vital status")
    String col_vital_status();

    @Message("Case")
    String col_case();

    @Message("Open")
    String open_case();

    @Message("Previous page")
    String page_previous();

    @Message("Next page")
    String page_next();

    @Message("Page {page} of {pages}")
    String page_of(String page, String pages);

    @Message("Paging")
    String paging_label();

    // A case
    @Message("Case")
    String case_title();

    @Message("Conflicts")
    String conflicts_heading();

    @Message("Conflicts need a person to act on them.")
    String conflicts_hint();

    @Message("Event")
    String conflict_event();

    @Message("Detected")
    String conflict_detected();

    @Message("Person")
    String person_heading();

    @Message("Hangul name")
    String person_hangul();

    @Message("Revised Romanization")
    String person_rr();

    @Message("McCune–Reischauer")
    String person_mr();

    @Message("Romanised names")
    String person_romanized();

    @Message("Birth year")
    String person_birth_year();

    @Message("Sex")
    String person_sex();

    @Message("Place of origin")
    String person_place_of_origin();

    @Message("Where taken")
    String case_place_taken();

    @Message("When taken")
    String case_date_taken();

    @Message("Owner")
    String case_owner();

    @Message("Opened")
    String case_opened();

    @Message("Updated")
    String case_updated();

    @Message("Possible duplicates")
    String case_duplicates();

    @Message("Vital status")
    String vital_heading();

    @Message("as of {date}")
    String vital_as_of(String date);

    @Message("Claims")
    String claims_heading();

    @Message("No claim yet.")
    String claims_none();

    @Message("Type")
    String claim_type();

    @Message("Source")
    String claim_source();

    @Message("Reported by")
    String claim_reported_by();

    @Message("Date")
    String claim_date();

    @Message("Timeline")
    String timeline_heading();

    @Message("In the order things happened.")
    String timeline_hint();

    @Message("Happened")
    String col_occurred();

    @Message("Arrived")
    String col_received();

    @Message("Event")
    String col_type();

    @Message("Status")
    String col_status();

    @Message("State change")
    String col_transition();

    @Message("Reported by")
    String col_reported_by();

    @Message("Details")
    String col_details();

    @Message("Reason")
    String entry_reason();

    @Message("Retracted by {organisation}")
    String entry_retracted_by(String organisation);

    @Message("No entry.")
    String timeline_none();

    // The report form
    @Message("Report an event")
    String report_heading();

    @Message("Event type")
    String report_type();

    @Message("When it happened")
    String report_occurred_at();

    @Message("Date and time in the time zone below.")
    String occurred_at_hint();

    @Message("Time zone")
    String time_zone();

    @Message("Where the date and time above are local time: an IANA zone such as Asia/Seoul or Europe/Kyiv, or an offset such as +09:00. Your browser's zone is filled in; left empty, UTC.")
    String time_zone_hint();

    @Message("Required")
    String required();

    @Message("Send the report")
    String report_submit();

    @Message("Choose…")
    String report_choose();

    @Message("The report was not accepted; see the fields below.")
    String report_failed();

    @Message("The report was accepted; the case shows it in a moment.")
    String notice_accepted();

    @Message("The alert was acknowledged.")
    String notice_acknowledged();

    // Alerts
    @Message("Alerts")
    String alerts_title();

    @Message("Minimum urgency")
    String alerts_min_urgency();

    @Message("Case id")
    String alerts_case_id();

    @Message("Filter")
    String alerts_filter();

    @Message("No alert.")
    String alerts_none();

    @Message("When")
    String col_when();

    @Message("Urgency")
    String col_urgency();

    @Message("Alerts raised")
    String col_alerts();

    @Message("Acknowledged")
    String col_acked();

    @Message("Acknowledge")
    String alerts_ack();

    @Message("Unacknowledged")
    String alerts_unacked();

    @Message("{total} alerts")
    String alerts_total(String total);

    @Message("Alerts are for advocates: your roles do not include advocate.")
    String alerts_not_advocate();

    // Errors
    @Message("Something went wrong")
    String error_title();

    @Message("Not found")
    String error_not_found();

    @Message("This case does not exist, or your organisation may not see it.")
    String error_not_found_detail();

    @Message("Erased")
    String error_erased();

    @Message("This case was erased by the organisation that owns it: nothing about the person can be shown any more.")
    String error_erased_detail();

    @Message("Not allowed")
    String error_forbidden();

    @Message("Your roles do not allow this.")
    String error_forbidden_detail();

    @Message("A Homeward service is not answering. Try again in a moment.")
    String error_unavailable();

    @Message("The request could not be handled.")
    String error_generic();

    @Message("Back to the cases")
    String error_back();

    // Errors the console finds in a form before sending it
    @Message("is required")
    String error_required();

    @Message("must be a date and time")
    String error_datetime();

    @Message("is not a time zone (for example Asia/Seoul, Europe/Kyiv or +09:00)")
    String error_time_zone();

    @Message("a Hangul name or at least one romanised name is required")
    String error_names();

    @Message("must be a year from 1880 to 2100")
    String error_birth_year();

    @Message("is too long")
    String error_too_long();

    @Message("must be a date (YYYY-MM-DD)")
    String error_date();

    @Message("must be one of the choices")
    String error_option();

    @Message("must be an event of this case")
    String error_event_id();

    @Message("is not an event type")
    String error_type();

    // Roles
    @Message("Reporter")
    String role_reporter();

    @Message("Caseworker")
    String role_caseworker();

    @Message("Advocate")
    String role_advocate();

    @Message("Administrator")
    String role_admin();

    // Categories
    @Message("South Korean prisoner of war")
    String category_SOUTH_KOREAN_POW();

    @Message("War abductee")
    String category_WAR_ABDUCTEE();

    @Message("Post-war abductee")
    String category_POSTWAR_ABDUCTEE();

    @Message("Detainee")
    String category_DETAINEE();

    @Message("North Korean prisoner of war")
    String category_NORTH_KOREAN_POW();

    @Message("Defector")
    String category_DEFECTOR();

    // States
    @Message("Reported")
    String state_REPORTED();

    @Message("In custody")
    String state_IN_CUSTODY();

    @Message("Intent stated")
    String state_INTENT_STATED();

    @Message("Transfer pending")
    String state_TRANSFER_PENDING();

    @Message("Transferred")
    String state_TRANSFERRED();

    @Message("Resettled")
    String state_RESETTLED();

    @Message("Returned")
    String state_RETURNED();

    @Message("Deceased")
    String state_DECEASED();

    @Message("Closed")
    String state_CLOSED();

    // Vital status
    @Message("Unknown")
    String vital_UNKNOWN();

    @Message("Alive")
    String vital_ALIVE();

    @Message("Reported dead")
    String vital_REPORTED_DEAD();

    @Message("Disputed")
    String vital_DISPUTED();

    // Entry status
    @Message("Applied")
    String status_APPLIED();

    @Message("Rejected")
    String status_REJECTED();

    @Message("Retracted")
    String status_RETRACTED();

    @Message("Held")
    String status_HELD();

    // Urgency
    @Message("Low")
    String urgency_LOW();

    @Message("Normal")
    String urgency_NORMAL();

    @Message("High")
    String urgency_HIGH();

    @Message("Critical")
    String urgency_CRITICAL();

    // Alerts and conflicts
    @Message("Forced-repatriation risk")
    String alert_FORCED_REPATRIATION_RISK();

    @Message("Life after death")
    String alert_LIFE_AFTER_DEATH();

    @Message("Data quality")
    String alert_DATA_QUALITY();

    @Message("Possible duplicate")
    String alert_POSSIBLE_DUPLICATE();

    @Message("Possible duplicate at another organisation")
    String alert_POSSIBLE_DUPLICATE_ELSEWHERE();

    @Message("Unrecognised destination")
    String alert_UNRECOGNISED_DESTINATION();

    @Message("Case on hold")
    String alert_CASE_ON_HOLD();

    // Event types
    @Message("Case opened")
    String type_CASE_OPENED();

    @Message("Captured")
    String type_CAPTURED();

    @Message("Letter received")
    String type_LETTER_RECEIVED();

    @Message("Defection intent stated")
    String type_DEFECTION_INTENT_STATED();

    @Message("Transfer requested")
    String type_TRANSFER_REQUESTED();

    @Message("Transferred")
    String type_TRANSFERRED();

    @Message("Resettled")
    String type_RESETTLED();

    @Message("Returned")
    String type_RETURNED();

    @Message("Death reported")
    String type_DEATH_REPORTED();

    @Message("Proof of life")
    String type_PROOF_OF_LIFE();

    @Message("Family contact")
    String type_FAMILY_CONTACT();

    @Message("Note added")
    String type_NOTE_ADDED();

    @Message("Case closed")
    String type_CASE_CLOSED();

    @Message("Case reopened")
    String type_CASE_REOPENED();

    @Message("Case shared")
    String type_CASE_SHARED();

    @Message("Case unshared")
    String type_CASE_UNSHARED();

    @Message("Event retracted")
    String type_EVENT_RETRACTED();

    // Sex
    @Message("Male")
    String sex_MALE();

    @Message("Female")
    String sex_FEMALE();

    @Message("Unknown")
    String sex_UNKNOWN();

    // Choices of the report form
    @Message("Letter")
    String option_LETTER();

    @Message("Interview")
    String option_INTERVIEW();

    @Message("In person")
    String option_IN_PERSON();

    @Message("Through an intermediary")
    String option_INTERMEDIARY();

    @Message("Escaped")
    String option_ESCAPED();

    @Message("Released")
    String option_RELEASED();

    @Message("Repatriated")
    String option_REPATRIATED();

    @Message("Video reunion")
    String option_VIDEO_REUNION();

    @Message("Reunion")
    String option_REUNION();

    @Message("Mail")
    String option_MAIL();

    @Message("Call")
    String option_CALL();

    // Fields of the report form (the event contract's names)
    @Message("Held by")
    String field_heldBy();

    @Message("Location")
    String field_location();

    @Message("Writer")
    String field_writer();

    @Message("Carried by")
    String field_via();

    @Message("Written on")
    String field_writtenOn();

    @Message("Received on")
    String field_receivedOn();

    @Message("Language of the letter")
    String field_language();

    @Message("Summary")
    String field_summary();

    @Message("Document reference")
    String field_documentRef();

    @Message("Destination")
    String field_destination();

    @Message("How it was stated")
    String field_method();

    @Message("Evidence (an event of this case)")
    String field_evidenceEventId();

    @Message("Requested by")
    String field_requestedBy();

    @Message("From")
    String field_from();

    @Message("To")
    String field_to();

    @Message("Place")
    String field_place();

    @Message("How")
    String field_how();

    @Message("Source")
    String field_source();

    @Message("Date of death")
    String field_dateOfDeath();

    @Message("Observed on")
    String field_observedOn();

    @Message("Kind of contact")
    String field_kind();

    @Message("With")
    String field_with();

    @Message("Text")
    String field_text();

    @Message("Reason")
    String field_reason();

    @Message("Organisation")
    String field_organisation();

    @Message("Event to retract")
    String field_eventId();

    @Message("When it happened")
    String field_occurredAt();

    @Message("Event type")
    String field_type();
}
