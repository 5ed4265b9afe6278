package org.homeward.console.cases;

import java.util.List;

/**
 * What the case page shows beyond the case, its timeline and the report form: the paged parts' query, whether the
 * signed-in person is an admin of the owning organisation (who alone sees sharing and the audit trail), whether the
 * possible duplicates and the audit trail could be read, and the two sharing forms.
 *
 * @param hiddenDuplicates possible duplicates counted by the case but not listed (cases the organisation may not see)
 * @param access who the case is shared with (owner's admins only); null when it is not shown or cannot be read
 * @param accessFailed the list of organisations could not be read (the rest of the page is shown)
 */
public record CasePage(CasePageQuery query, boolean ownerAdmin, boolean duplicatesFailed, long hiddenDuplicates,
        boolean auditFailed, SharingForm share, SharingForm unshare, CaseAccess access, boolean accessFailed) {

    /** The sharing forms in the order of the page. */
    public List<SharingForm> sharingForms() {
        return List.of(share, unshare);
    }

    /** The time zones the report form suggests. */
    public List<String> zones() {
        return When.SUGGESTED_ZONES;
    }

    @Override
    public String toString() {
        return "CasePage[query=" + query + ", ownerAdmin=" + ownerAdmin + "]";
    }
}
