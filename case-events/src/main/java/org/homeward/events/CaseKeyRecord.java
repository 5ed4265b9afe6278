package org.homeward.events;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.util.UUID;

/**
 * A record of the compacted topic {@code case-keys} (key: the case id): the case's key wrapped by the case-events key
 * ring that intake-service and case-service share ({@code enc:v1:<ringKeyId>:...}, bound to {@link #context}), or,
 * once the case was erased, {@code destroyed}. Compaction keeps the latest record per case, so the wrapped key leaves
 * the log after an erasure; the marker stays, so a reader replaying {@code case-events} knows the key is gone for good
 * rather than late.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CaseKeyRecord(UUID caseId, String wrapped, Boolean destroyed) {

    public static CaseKeyRecord key(UUID caseId, String wrapped) {
        return new CaseKeyRecord(caseId, wrapped, null);
    }

    public static CaseKeyRecord destroyed(UUID caseId) {
        return new CaseKeyRecord(caseId, null, Boolean.TRUE);
    }

    /** The associated data a case key is wrapped under on {@code case-keys}. */
    public static String context(UUID caseId) {
        return "case:" + caseId + ":event-key";
    }

    @JsonIgnore
    public boolean isDestroyed() {
        return Boolean.TRUE.equals(destroyed);
    }

    public byte[] encode() {
        try {
            return EventCodec.mapper().writeValueAsBytes(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode the key record of case " + caseId, e);
        }
    }

    public static CaseKeyRecord decode(byte[] json) {
        try {
            CaseKeyRecord record = EventCodec.mapper().readValue(json, CaseKeyRecord.class);
            if (record == null || record.caseId() == null || (record.wrapped() == null) != record.isDestroyed()) {
                throw new MalformedEventException("a case key record has a case id and either a key or destroyed");
            }
            return record;
        } catch (IOException e) {
            throw new MalformedEventException("not a case key record");
        }
    }
}
