package dev.salesagent.server.workspace.outreach;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The follow-up scheduler ({@link FollowUpScheduling#build}, the server's db-scheduler set-up) as two instances on two
 * connection pools sharing the real PostgreSQL (a schema of its own, {@code scheduled_tasks} from migration V23),
 * both polling: every due task fires exactly once, and a task scheduled before an instance restarts fires after it.
 * Two schedulers rather than two whole application contexts (each context start takes minutes on the shared build
 * machine); the follow-up draft creation they trigger is covered by {@code FollowUpsTest} on the shared context.
 */
class FollowUpSchedulerIT {

    private static final Duration POLL = Duration.ofMillis(200);

    private final String schema = "followups_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    private final List<HikariDataSource> pools = new ArrayList<>();
    private final List<Scheduler> schedulers = new ArrayList<>();
    private String url;

    @BeforeEach
    void schema() throws Exception {
        url = System.getProperty("salesagent.it.postgres.url");
        if (url == null) {
            throw new IllegalStateException("salesagent.it.postgres.url is not set: run with -Pservices");
        }
        String migration;
        try (var in = FollowUpSchedulerIT.class.getResourceAsStream("/db/migration/V23__outreach_follow_ups.sql")) {
            migration = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("create schema " + schema);
            s.execute("set search_path to " + schema);
            for (String statement : migration.replaceAll("(?m)--.*$", "").split(";")) {
                if (statement.strip().startsWith("create") && statement.contains("scheduled_tasks")) { // the scheduler's own table, as the server creates it
                    s.execute(statement);
                }
            }
            s.execute("create table fired (task_instance text not null, picked_by text not null,"
                    + " fired_at timestamptz not null default now())");
        }
    }

    @AfterEach
    void drop() throws Exception {
        schedulers.forEach(Scheduler::stop);
        pools.forEach(HikariDataSource::close);
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("drop schema if exists " + schema + " cascade");
        }
    }

    @Test
    @DisplayName("two instances polling one database fire each of 40 due touches exactly once")
    void twoInstancesFireOnce() throws Exception {
        Scheduler a = scheduler("a", Clock.systemUTC());
        Scheduler b = scheduler("b", Clock.systemUTC());
        List<String> ids = new ArrayList<>();
        for (int touch = 1; touch <= 40; touch++) {
            String id = FollowUpTasks.instance(UUID.randomUUID(), UUID.randomUUID(), touch).getId();
            ids.add(id);
            (touch % 2 == 0 ? a : b).schedule(new TaskInstance<Void>(FollowUpScheduling.TASK, id), Instant.now());
        }
        a.start();
        b.start();
        awaitCount("select count(*) from fired", 40);
        awaitCount("select count(*) from scheduled_tasks", 0);
        Thread.sleep(POLL.multipliedBy(10).toMillis()); // more polls on both: nothing fires again

        Map<String, Integer> perTask = firedPerTask();
        assertThat(perTask.keySet()).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(perTask.values()).containsOnly(1);
        assertThat(count("select count(distinct picked_by) from fired")).isBetween(1, 2);
    }

    @Test
    @DisplayName("a touch scheduled before a restart fires once after it, when the clock reaches its day")
    void survivesRestart() throws Exception {
        Clock now = Clock.systemUTC();
        Scheduler before = scheduler("a", now);
        before.start();
        String id = FollowUpTasks.instance(UUID.randomUUID(), UUID.randomUUID(), 1).getId();
        before.schedule(new TaskInstance<Void>(FollowUpScheduling.TASK, id), Instant.now().plus(Duration.ofDays(3)));
        Thread.sleep(POLL.multipliedBy(5).toMillis());
        assertThat(count("select count(*) from fired")).isZero(); // not due yet
        before.stop();
        pools.get(0).close();

        // restarted instance and a second one, both three days later
        Clock later = Clock.offset(now, Duration.ofDays(3).plusMinutes(1));
        scheduler("a", later).start();
        scheduler("b", later).start();
        awaitCount("select count(*) from fired", 1);
        awaitCount("select count(*) from scheduled_tasks", 0);
        Thread.sleep(POLL.multipliedBy(10).toMillis());
        assertThat(firedPerTask()).containsExactly(Map.entry(id, 1));
    }

    private Scheduler scheduler(String name, Clock clock) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(System.getProperty("salesagent.it.postgres.user", "postgres"));
        config.setSchema(schema);
        config.setMaximumPoolSize(4);
        HikariDataSource pool = new HikariDataSource(config);
        pools.add(pool);
        Scheduler s = FollowUpScheduling.build(pool, clock, POLL, name, (touch, ctx) -> {
            try (Connection c = pool.getConnection();
                 PreparedStatement insert = c.prepareStatement(
                         "insert into fired (task_instance, picked_by) values (?, ?)")) {
                insert.setString(1, touch.getId());
                insert.setString(2, name);
                insert.executeUpdate();
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        schedulers.add(s);
        return s;
    }

    private Map<String, Integer> firedPerTask() throws SQLException {
        Map<String, Integer> out = new LinkedHashMap<>();
        try (Connection c = connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select task_instance, count(*) from " + schema
                     + ".fired group by task_instance")) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getInt(2));
            }
        }
        return out;
    }

    private void awaitCount(String sql, int expected) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (count(sql) != expected && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(count(sql)).as(sql).isEqualTo(expected);
    }

    private int count(String sql) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("set search_path to " + schema);
            try (ResultSet rs = s.executeQuery(sql)) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(url, System.getProperty("salesagent.it.postgres.user", "postgres"), "");
    }
}
