package dev.salesagent.server.workspace.outreach;

import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import java.util.UUID;

/** Instance ids of the follow-up task: {@code tenant/draft/touch}, so a task names its tenant, draft and touch. */
final class FollowUpTasks {

    /**
     * A parsed instance id.
     *
     * @param tenantId the tenant
     * @param draftId the sent draft
     * @param touch the touch number
     */
    record Key(UUID tenantId, UUID draftId, int touch) {
    }

    private FollowUpTasks() {
    }

    /** The id of a touch's task. */
    static TaskInstanceId instance(UUID tenantId, UUID draftId, int touch) {
        return TaskInstanceId.of(FollowUpScheduling.TASK, tenantId + "/" + draftId + "/" + touch);
    }

    /** A touch's task, to schedule. */
    static TaskInstance<Void> task(UUID tenantId, UUID draftId, int touch) {
        return new TaskInstance<>(FollowUpScheduling.TASK, instance(tenantId, draftId, touch).getId());
    }

    /**
     * Parses an instance id.
     *
     * @throws IllegalArgumentException if it is not {@code tenant/draft/touch}
     */
    static Key parse(String instanceId) {
        String[] parts = instanceId.split("/");
        if (parts.length != 3) {
            throw new IllegalArgumentException("not a follow-up task id: " + instanceId);
        }
        return new Key(UUID.fromString(parts[0]), UUID.fromString(parts[1]), Integer.parseInt(parts[2]));
    }
}
