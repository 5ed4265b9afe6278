package org.homeward.events;

/** Field length limits of the wire contract, in characters. */
public final class Limits {
    public static final int NAME = 200;
    public static final int PARTY = 200;
    public static final int PLACE = 300;
    public static final int REFERENCE = 500;
    public static final int LANGUAGE = 50;
    public static final int REASON = 2_000;
    public static final int TEXT = 10_000;
    public static final int ROMANIZED_NAMES = 20;
    /** An organisation id, as tokens carry it in their organisation claim. */
    public static final int ORGANISATION = 100;
    public static final String ORGANISATION_PATTERN = "^[A-Za-z0-9][A-Za-z0-9._:-]*$";

    private Limits() {
    }
}
