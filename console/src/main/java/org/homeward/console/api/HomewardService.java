package org.homeward.console.api;

/** The three services the console calls for the signed-in person. */
public enum HomewardService {
    INTAKE,
    CASES,
    NOTIFICATIONS
}
