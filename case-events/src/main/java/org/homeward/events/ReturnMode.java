package org.homeward.events;

/** How a person came home. */
public enum ReturnMode {
    ESCAPED,
    RELEASED,
    REPATRIATED
}
