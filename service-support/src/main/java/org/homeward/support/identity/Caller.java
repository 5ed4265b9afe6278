package org.homeward.support.identity;

/** Who is calling: their organisation and, where known, the person at it. */
public record Caller(String organisation, String user) {
}
