package org.homeward.intake.registry.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A case intake knows exists, and the organisation that opened it. Holds no personal data. */
@Entity
@Table(name = "cases")
public class CaseRegistration {

    @Id
    @Column(name = "case_id")
    public UUID caseId;

    @Column(name = "owner_organisation", nullable = false)
    public String ownerOrganisation;

    @Column(name = "opened_event_id", nullable = false)
    public UUID openedEventId;

    @Column(name = "registered_at", nullable = false)
    public Instant registeredAt;

    @Override
    public String toString() {
        return "CaseRegistration[" + caseId + "]";
    }
}
