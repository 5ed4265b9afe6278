package org.homeward.events;

/** The kind of person a case is about (SPEC: person categories). */
public enum Category {
    SOUTH_KOREAN_POW,
    WAR_ABDUCTEE,
    POSTWAR_ABDUCTEE,
    DETAINEE,
    NORTH_KOREAN_POW,
    DEFECTOR
}
