package org.homeward.stack.fuzz;

import java.util.Map;

/**
 * One malformed request: what was broken ({@code mutation}, e.g. {@code body.control-character /person/hangulName}),
 * and the request itself. {@code body} is null for a request without one; {@code contentType} null sends none.
 */
public record FuzzRequest(String mutation, String method, String path, String query, Map<String, String> headers,
        String contentType, byte[] body) {

    /** The mutation's kind without its place: {@code body.control-character}. */
    public String kind() {
        int space = mutation.indexOf(' ');
        return space < 0 ? mutation : mutation.substring(0, space);
    }

    @Override
    public String toString() {
        return "FuzzRequest[" + mutation + " " + method + " " + path + "]";
    }
}
