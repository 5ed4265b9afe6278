package org.homeward.events;

public enum ContactKind {
    VIDEO_REUNION,
    REUNION,
    MAIL,
    CALL
}
