package org.homeward.support.identity;

import java.util.Set;

/** Who is calling, from their verified token: their organisation, the person (or client) and their roles. */
public record Caller(String organisation, String user, Set<String> roles) {

    public Caller {
        roles = roles == null ? Set.of() : Set.copyOf(roles);
    }

    public boolean hasRole(String role) {
        return roles.contains(role);
    }
}
