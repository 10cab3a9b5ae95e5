package dev.salesagent.core.model.batch;

import java.time.Instant;
import java.util.Objects;

/**
 * A batch as the vendor last reported it.
 *
 * @param id          the vendor's batch id, e.g. {@code msgbatch_01...} or {@code batch_abc123}
 * @param state       where the batch is in its life cycle
 * @param vendorState the vendor's own status word, e.g. Anthropic {@code in_progress} or OpenAI {@code finalizing}
 * @param total       requests in the batch (0 while the vendor is still validating the input)
 * @param succeeded   requests answered so far
 * @param failed      requests errored, cancelled or expired so far
 * @param createdAt   when the vendor created the batch, or null if it did not say
 * @param endedAt     when processing ended, or null while not {@link State#ENDED}
 */
public record BatchStatus(String id, State state, String vendorState, long total, long succeeded, long failed,
                          Instant createdAt, Instant endedAt) {

    /**
     * Validates the status.
     *
     * @param id          the vendor's batch id
     * @param state       the life-cycle state
     * @param vendorState the vendor's status word
     * @param total       requests in the batch, &gt;= 0
     * @param succeeded   requests answered, &gt;= 0
     * @param failed      requests failed, &gt;= 0
     * @param createdAt   creation time, or null
     * @param endedAt     end time, or null
     * @throws NullPointerException     if {@code id}, {@code state} or {@code vendorState} is null
     * @throws IllegalArgumentException if a count is negative
     */
    public BatchStatus {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(vendorState, "vendorState");
        if (total < 0 || succeeded < 0 || failed < 0) {
            throw new IllegalArgumentException("request counts must be >= 0 but were " + total + ", " + succeeded
                    + ", " + failed);
        }
    }

    /** {@return true once processing has ended and {@link BatchChatModel#results(String)} can be read} */
    public boolean ended() {
        return state == State.ENDED;
    }

    /** Life cycle of a batch, common to both vendors. */
    public enum State {
        /** Accepted and being processed (OpenAI {@code validating}, {@code in_progress}, {@code finalizing}). */
        IN_PROGRESS,
        /** A cancel was requested; requests in flight finish (Anthropic {@code canceling}, OpenAI {@code cancelling}). */
        CANCELING,
        /** Processing ended: completed, cancelled or expired (Anthropic {@code ended}; OpenAI {@code completed},
         * {@code cancelled}, {@code expired}); results are available. */
        ENDED
    }
}
