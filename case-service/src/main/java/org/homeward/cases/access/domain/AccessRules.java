package org.homeward.cases.access.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.homeward.events.CaseEventData;
import org.homeward.events.CaseOpened;
import org.homeward.events.CaseShared;
import org.homeward.events.CaseUnshared;

/**
 * Who may add to a case and who may share it, checked by the case service itself whatever intake let through
 * (defence in depth). A case belongs to the organisation that opened it (its owner). An event from an organisation
 * without access to the case is refused; only the owner shares and unshares; the owner can neither be shared with nor
 * lose its access; an organisation without access cannot be unshared. A refused event is kept in the timeline as
 * REJECTED with the reason, like any other illegal event.
 */
public final class AccessRules {

    private AccessRules() {
    }

    /** The reasons of refusals (the transition carries their ReasonCode). */
    public static final String NO_ACCESS = "the reporting organisation has no access to this case";
    public static final String NOT_OWNER = "only the organisation that owns the case may share or unshare it";
    public static final String SHARE_WITH_OWNER = "the case cannot be shared with its owner";
    public static final String UNSHARE_OWNER = "the owner's access to its case cannot be revoked";
    /** After the organisation's name. */
    public static final String NOTHING_TO_REVOKE = " has no access to this case to revoke";

    /**
     * Why this event may not be taken, or empty when it may.
     *
     * @param owner the organisation that opened the case
     * @param granted the organisations with access before the event (the owner among them)
     * @param reportedBy the organisation that reported the event (from its token), null when unknown
     */
    public static Optional<String> refusal(String owner, Set<String> granted, String reportedBy, CaseEventData data) {
        if (data instanceof CaseOpened) {
            return Optional.empty(); // the state machine refuses a second opening
        }
        boolean sharing = data instanceof CaseShared || data instanceof CaseUnshared;
        if (reportedBy == null || !(reportedBy.equals(owner) || granted.contains(reportedBy))) {
            return Optional.of(NO_ACCESS);
        }
        if (sharing && !reportedBy.equals(owner)) {
            return Optional.of(NOT_OWNER);
        }
        if (data instanceof CaseShared shared && owner.equals(shared.organisation())) {
            return Optional.of(SHARE_WITH_OWNER);
        }
        if (data instanceof CaseUnshared unshared) {
            if (owner.equals(unshared.organisation())) {
                return Optional.of(UNSHARE_OWNER);
            }
            if (!granted.contains(unshared.organisation())) {
                return Optional.of(unshared.organisation() + NOTHING_TO_REVOKE);
            }
        }
        return Optional.empty();
    }

    /** The organisations with access after an event that was taken: sharing adds one, unsharing removes one. */
    public static Set<String> after(Set<String> granted, CaseEventData data) {
        Set<String> after = new TreeSet<>(granted);
        if (data instanceof CaseShared shared) {
            after.add(shared.organisation());
        } else if (data instanceof CaseUnshared unshared) {
            after.remove(unshared.organisation());
        }
        return after;
    }

    /** Who may see a transition: the owner first, then every other organisation with access, in name order. */
    public static List<String> visibleTo(String owner, Set<String> granted) {
        List<String> visible = new ArrayList<>();
        visible.add(owner);
        new TreeSet<>(granted).stream().filter(o -> !o.equals(owner)).forEach(visible::add);
        return List.copyOf(visible);
    }
}
