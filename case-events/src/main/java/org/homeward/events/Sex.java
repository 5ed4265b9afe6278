package org.homeward.events;

public enum Sex {
    MALE,
    FEMALE,
    UNKNOWN
}
