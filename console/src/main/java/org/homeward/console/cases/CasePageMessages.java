package org.homeward.console.cases;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * The strings of the case page's possible duplicates, sharing, audit trail and timeline paging, English by default;
 * Korean in {@code messages/casepage_ko.properties} ({@code CasePageMessagesTest} checks that every message has a
 * Korean translation). Templates use them as {@code {casepage:key}}; Java through {@link CasePageText}.
 */
@MessageBundle(value = "casepage", locale = "en")
public interface CasePageMessages {

    // Paging, shared by the sections of the case page
    @Message("Previous page")
    String page_previous();

    @Message("Next page")
    String page_next();

    @Message("Page {page} of {pages}")
    String page_of(String page, String pages);

    // The case list, paged by the case service's cursor: forward, or back to the first page
    @Message("First page")
    String page_first();

    @Message("Page {page}")
    String page_number(String page);

    @Message("At least {total} cases")
    String cases_at_least(String total);

    @Message("required")
    String required();

    @Message("optional")
    String optional();

    // Possible duplicates
    @Message("Possible duplicates")
    String duplicates_heading();

    @Message("Other cases that may be the same person: the same full name in any spelling, birth years at most one year apart. Nothing is merged automatically; open a case to compare.")
    String duplicates_hint();

    @Message("No other case your organisation may see looks like the same person.")
    String duplicates_none();

    @Message("The possible duplicates cannot be shown right now. Try again in a moment.")
    String duplicates_unavailable();

    @Message("Possible duplicates in cases your organisation may not see: {count}.")
    String duplicates_hidden(String count);

    @Message("Pages of possible duplicates")
    String duplicates_paging();

    @Message("Name")
    String col_name();

    @Message("Romanised name")
    String col_romanized();

    @Message("Birth year")
    String col_birth_year();

    @Message("Category")
    String col_category();

    @Message("State")
    String col_state();

    @Message("Owner")
    String col_owner();

    // Sharing
    @Message("Sharing")
    String sharing_heading();

    @Message("Your organisation owns this case. Sharing it lets another organisation's caseworkers see it, its reporters add events and its advocates be notified; revoking a share takes that away again.")
    String sharing_hint();

    @Message("The list of organisations that see this case cannot be shown now; each share and revocation appears in the timeline.")
    String sharing_list_unavailable();

    @Message("Who sees this case")
    String sharing_list_heading();

    @Message("The organisations that may see this case, as the case service has taken the shares so far.")
    String sharing_list_caption();

    @Message("Shared with no other organisation.")
    String sharing_none();

    @Message("Since")
    String col_since();

    @Message("Granted by")
    String col_granted_by();

    @Message("Action")
    String col_action();

    @Message("Owner")
    String sharing_owner();

    @Message("Revoke")
    String unshare_row_submit();

    @Message("Revoke the share with {organisation}")
    String unshare_row_label(String organisation);

    @Message("Share with an organisation")
    String share_heading();

    @Message("Revoke a share")
    String unshare_heading();

    @Message("Organisation id")
    String field_organisation();

    @Message("As the organisation signs in: letters, digits, '.', '_', ':' or '-'.")
    String field_organisation_hint();

    @Message("Reason")
    String field_reason();

    @Message("Share")
    String share_submit();

    @Message("Revoke the share")
    String unshare_submit();

    @Message("The case was not shared.")
    String share_failed();

    @Message("The share was not revoked.")
    String unshare_failed();

    @Message("Shared. The share takes effect in a moment and appears in the timeline.")
    String notice_shared();

    @Message("Share revoked. The revocation takes effect in a moment and appears in the timeline.")
    String notice_unshared();

    @Message("is required")
    String error_required();

    @Message("must be an organisation id: letters, digits, '.', '_', ':' or '-'")
    String error_organisation();

    @Message("must be at most {max} characters")
    String error_too_long(String max);

    @Message("the case cannot be shared with the organisation that owns it")
    String error_owner_share();

    @Message("the owning organisation's access to its case cannot be revoked")
    String error_owner_unshare();

    // Audit trail
    @Message("Who read this case")
    String audit_heading();

    @Message("Every read of this case's data, newest first: who read it, from which organisation, when and through which endpoint. Only admins of the owning organisation see this.")
    String audit_hint();

    @Message("No reads of this case are recorded yet.")
    String audit_none();

    @Message("The audit trail cannot be shown right now. Try again in a moment.")
    String audit_unavailable();

    @Message("{count} reads recorded")
    String audit_total(String count);

    @Message("Pages of the audit trail")
    String audit_paging();

    @Message("Reader")
    String col_reader();

    @Message("Organisation")
    String col_organisation();

    @Message("When")
    String col_when();

    @Message("Endpoint")
    String col_endpoint();

    // Timeline paging and order
    @Message("Order of the timeline")
    String timeline_order_label();

    @Message("In the order things happened")
    String timeline_order_occurred();

    @Message("In arrival order")
    String timeline_order_arrival();

    @Message("Shown in the order the entries arrived; the arrival number says which came first.")
    String timeline_hint_arrival();

    @Message("Page {page} of {pages}; {total} entries in all.")
    String timeline_page(String page, String pages, String total);

    @Message("No entries on this page.")
    String timeline_page_empty();

    @Message("Pages of the timeline")
    String timeline_paging();

    @Message("Arrival no.")
    String col_sequence();
}
