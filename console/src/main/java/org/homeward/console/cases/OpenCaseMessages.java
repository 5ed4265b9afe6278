package org.homeward.console.cases;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * The strings of the page that opens a case, English by default; Korean in {@code messages/opencase_ko.properties}
 * (checked by {@code BundleCompletenessTest}). Templates use them as {@code {opencase:key}}; categories, sexes and
 * field errors keep their labels of the console's main bundle.
 */
@MessageBundle(value = "opencase", locale = "en")
public interface OpenCaseMessages {

    @Message("Open a case")
    String title();

    @Message("A case for a person your organisation reports on for the first time. Your organisation owns it: its caseworkers see it, and its admins may share it. Check the list first: if the person may already have a case, a possible duplicate is flagged once it is opened.")
    String intro();

    @Message("Opening a case takes the role reporter.")
    String not_reporter();

    @Message("The case is opened; the case service shows it in a moment.")
    String opened();

    @Message("Go to the case")
    String opened_link();

    @Message("The case was not opened.")
    String failed();

    @Message("Category")
    String category();

    @Message("Choose…")
    String choose();

    @Message("The person")
    String person();

    @Message("A Hangul name or at least one romanised name.")
    String names_hint();

    @Message("Hangul name")
    String hangul_name();

    @Message("Romanised names")
    String romanized_names();

    @Message("One a line, in any romanisation (for example Kim Gwang-won and Kim Kwang-won); up to 20.")
    String romanized_names_hint();

    @Message("Birth year")
    String birth_year();

    @Message("Sex")
    String sex();

    @Message("Not recorded")
    String sex_none();

    @Message("Place of origin")
    String place_of_origin();

    @Message("When and where taken")
    String taken();

    @Message("Where the person was taken, captured or crossed")
    String place_taken();

    @Message("Date taken")
    String date_taken();

    @Message("The day it happened, if known.")
    String date_taken_hint();

    @Message("Open the case")
    String submit();

    @Message("Open a case")
    String open_link();
}
