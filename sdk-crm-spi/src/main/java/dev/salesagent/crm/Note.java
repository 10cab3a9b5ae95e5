package dev.salesagent.crm;

import java.time.Instant;
import java.util.Map;

/**
 * A free-text note (HubSpot note engagement, Salesforce Note/ContentNote, NetSuite user note).
 *
 * @param id           the CRM's id; {@code null} before creation
 * @param target       the record the note is attached to
 * @param body         the text (plain text; vendors may store HTML)
 * @param timestamp    when the noted activity happened (HubSpot {@code hs_timestamp}); defaults to creation time
 * @param createdAt    when the CRM created the record
 * @param customFields vendor properties outside our model; never {@code null}
 */
public record Note(CrmId id, NoteTarget target, String body, Instant timestamp, Instant createdAt,
                   Map<String, Object> customFields) {

    /**
     * Copies {@code customFields} into an unmodifiable map ({@code null} becomes empty).
     *
     * @param id the CRM's id; {@code null} before creation
     * @param target the record the note is attached to
     * @param body the text (plain text; vendors may store HTML)
     * @param timestamp when the noted activity happened (HubSpot {@code hs_timestamp}); defaults to creation time
     * @param createdAt when the CRM created the record
     * @param customFields vendor properties outside our model; never {@code null}
     */
    public Note {
        customFields = Records.immutableMap(customFields);
    }

    /** {@return a new, empty builder} */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder pre-filled with this record's values.
     *
     * @return a new builder holding this record's values; changing it leaves this record unchanged
     */
    public Builder toBuilder() {
        return new Builder().id(id).target(target).body(body).timestamp(timestamp).createdAt(createdAt)
                .customFields(customFields);
    }

    /** Builder for {@link Note}. */
    public static final class Builder {
        private CrmId id;
        private NoteTarget target;
        private String body;
        private Instant timestamp, createdAt;
        private Map<String, Object> customFields = Map.of();

        private Builder() {
        }

        /**
         * Sets {@link Note#id()}.
         *
         * @param id the CRM's id; {@code null} before creation
         * @return this builder
         */
        public Builder id(CrmId id) { this.id = id; return this; }
        /**
         * Sets {@link Note#target()}.
         *
         * @param target the record the note is attached to
         * @return this builder
         */
        public Builder target(NoteTarget target) { this.target = target; return this; }
        /**
         * Sets {@link Note#body()}.
         *
         * @param body the text (plain text; vendors may store HTML)
         * @return this builder
         */
        public Builder body(String body) { this.body = body; return this; }
        /**
         * Sets {@link Note#timestamp()}.
         *
         * @param timestamp when the noted activity happened (HubSpot {@code hs_timestamp}); defaults to creation time
         * @return this builder
         */
        public Builder timestamp(Instant timestamp) { this.timestamp = timestamp; return this; }
        /**
         * Sets {@link Note#createdAt()}.
         *
         * @param createdAt when the CRM created the record
         * @return this builder
         */
        public Builder createdAt(Instant createdAt) { this.createdAt = createdAt; return this; }
        /**
         * Sets {@link Note#customFields()}.
         *
         * @param customFields vendor properties outside our model; never {@code null}
         * @return this builder
         */
        public Builder customFields(Map<String, Object> customFields) { this.customFields = customFields; return this; }

        /** {@return a new {@link Note} from the values set} */
        public Note build() {
            return new Note(id, target, body, timestamp, createdAt, customFields);
        }
    }
}
