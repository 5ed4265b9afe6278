package org.homeward.cases.access.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.homeward.events.CaseOpened;
import org.homeward.events.CaseShared;
import org.homeward.events.CaseUnshared;
import org.homeward.events.Category;
import org.homeward.events.NoteAdded;
import org.homeward.events.Person;
import org.junit.jupiter.api.Test;

/** The sharing rules the case service enforces itself, whatever intake let through (defence in depth). */
class AccessRulesTest {

    static final String OWNER = "owner-org";
    static final String PARTNER = "partner-org";
    static final String STRANGER = "stranger-org";
    static final Set<String> SHARED_WITH_PARTNER = Set.of(OWNER, PARTNER);

    @Test
    void theOwnerSharesAndUnsharesAndAccessFollows() {
        assertEquals(Optional.empty(), AccessRules.refusal(OWNER, Set.of(OWNER), OWNER, share(PARTNER)));
        assertEquals(SHARED_WITH_PARTNER, AccessRules.after(Set.of(OWNER), share(PARTNER)));
        assertEquals(List.of(OWNER, PARTNER), AccessRules.visibleTo(OWNER, SHARED_WITH_PARTNER));

        assertEquals(Optional.empty(), AccessRules.refusal(OWNER, SHARED_WITH_PARTNER, OWNER, unshare(PARTNER)));
        Set<String> after = AccessRules.after(SHARED_WITH_PARTNER, unshare(PARTNER));
        assertEquals(Set.of(OWNER), after);
        assertEquals(List.of(OWNER), AccessRules.visibleTo(OWNER, after), "the revoked organisation sees no more");
    }

    @Test
    void sharingTwiceWithTheSameOrganisationChangesNothing() {
        assertEquals(Optional.empty(), AccessRules.refusal(OWNER, SHARED_WITH_PARTNER, OWNER, share(PARTNER)));
        assertEquals(SHARED_WITH_PARTNER, AccessRules.after(SHARED_WITH_PARTNER, share(PARTNER)));
    }

    @Test
    void onlyTheOwnerSharesOrUnshares() {
        assertEquals(Optional.of("only the organisation that owns the case may share or unshare it"),
                AccessRules.refusal(OWNER, SHARED_WITH_PARTNER, PARTNER, share(STRANGER)));
        assertEquals(Optional.of("only the organisation that owns the case may share or unshare it"),
                AccessRules.refusal(OWNER, SHARED_WITH_PARTNER, PARTNER, unshare(PARTNER)));
        assertEquals(Optional.of("the reporting organisation has no access to this case"),
                AccessRules.refusal(OWNER, Set.of(OWNER), STRANGER, share(STRANGER)));
        assertEquals(Optional.of("the reporting organisation has no access to this case"),
                AccessRules.refusal(OWNER, Set.of(OWNER), null, share(PARTNER)));
    }

    @Test
    void theOwnerIsNeitherSharedWithNorUnshared() {
        assertEquals(Optional.of("the case cannot be shared with its owner"),
                AccessRules.refusal(OWNER, Set.of(OWNER), OWNER, share(OWNER)));
        assertEquals(Optional.of("the owner's access to its case cannot be revoked"),
                AccessRules.refusal(OWNER, SHARED_WITH_PARTNER, OWNER, unshare(OWNER)));
    }

    @Test
    void anOrganisationWithoutAccessCannotBeUnshared() {
        assertEquals(Optional.of(STRANGER + " has no access to this case to revoke"),
                AccessRules.refusal(OWNER, SHARED_WITH_PARTNER, OWNER, unshare(STRANGER)));
    }

    @Test
    void api1_onlyOrganisationsWithAccessAddEventsToACase() {
        NoteAdded note = new NoteAdded("seen at the border");
        assertEquals(Optional.empty(), AccessRules.refusal(OWNER, Set.of(OWNER), OWNER, note));
        assertEquals(Optional.empty(), AccessRules.refusal(OWNER, SHARED_WITH_PARTNER, PARTNER, note));
        assertEquals(Optional.of("the reporting organisation has no access to this case"),
                AccessRules.refusal(OWNER, SHARED_WITH_PARTNER, STRANGER, note));
        // A second opening is the state machine's to refuse ("the case is already open"), whoever sends it.
        CaseOpened opened = new CaseOpened(Category.NORTH_KOREAN_POW, new Person("김철", List.of(), 1990, null, null),
                null, LocalDate.of(2024, 1, 1));
        assertEquals(Optional.empty(), AccessRules.refusal(OWNER, Set.of(OWNER), STRANGER, opened));
    }

    static CaseShared share(String organisation) {
        return new CaseShared(organisation, "referral");
    }

    static CaseUnshared unshare(String organisation) {
        return new CaseUnshared(organisation, null);
    }
}
