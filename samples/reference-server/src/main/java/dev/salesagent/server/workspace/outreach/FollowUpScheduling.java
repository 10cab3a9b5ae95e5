package dev.salesagent.server.workspace.outreach;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.task.ExecutionContext;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.VoidExecutionHandler;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import java.time.Clock;
import java.time.Duration;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;

/**
 * The follow-up scheduler: db-scheduler on the server's PostgreSQL (table {@code scheduled_tasks}, migration V23).
 * Each planned touch is one one-time task {@value #TASK} whose instance id is {@code tenant/draft/touch}; db-scheduler
 * picks a due execution with a row lock ({@code picked}, {@code version}), so across instances sharing the database it
 * runs on one of them only, and it stays in the table across restarts until it completed. Scheduling joins the
 * caller's Spring transaction (the touch rows and their tasks commit together). The scheduler's time is the
 * application's {@link Clock}, so tests can move it.
 */
@Configuration(proxyBeanMethods = false)
class FollowUpScheduling {

    /** Task name of a follow-up touch. */
    static final String TASK = "outreach-follow-up";

    /**
     * Builds a scheduler with the follow-up task (not started).
     *
     * @param dataSource the database holding {@code scheduled_tasks}
     * @param clock the time source deciding when a task is due
     * @param pollingInterval how often due tasks are looked for
     * @param name this instance's name in {@code picked_by}
     * @param handler what a due touch does; gets {@code tenant/draft/touch} as the instance id
     * @return the scheduler
     */
    static Scheduler build(DataSource dataSource, Clock clock, Duration pollingInterval, String name,
                           VoidExecutionHandler<Void> handler) {
        OneTimeTask<Void> task = Tasks.oneTime(TASK).onFailureRetryLater().execute(handler);
        return Scheduler.create(dataSource, task)
                .clock(clock::instant)
                .pollingInterval(pollingInterval)
                .heartbeatInterval(Duration.ofSeconds(30))
                .threads(2)
                .schedulerName(new SchedulerName.Fixed(name))
                .enableImmediateExecution()
                .shutdownMaxWait(Duration.ofSeconds(5))
                .build();
    }

    @Bean(destroyMethod = "stop")
    Scheduler followUpScheduler(DataSource dataSource, Clock clock, ObjectProvider<FollowUps> followUps,
                                @Value("${salesagent.outreach.follow-ups.polling-interval:10s}") Duration polling,
                                @Value("${salesagent.outreach.follow-ups.instance-name:#{null}}") String name) {
        String instance = name != null ? name : new SchedulerName.Hostname().getName() + "-" + ProcessHandle.current().pid();
        return build(new TransactionAwareDataSourceProxy(dataSource), clock, polling, instance,
                (TaskInstance<Void> touch, ExecutionContext ctx) -> followUps.getObject().fire(touch.getId()));
    }

    /** Starts polling once Flyway has migrated and the application is up. */
    @EventListener(ApplicationReadyEvent.class)
    void start(ApplicationReadyEvent event) {
        event.getApplicationContext().getBean("followUpScheduler", Scheduler.class).start();
    }
}
