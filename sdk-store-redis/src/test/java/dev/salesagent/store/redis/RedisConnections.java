package dev.salesagent.store.redis;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;

/** One connection per JVM to the Redis of the {@code services} profile ({@code salesagent.it.redis.host/port}). */
final class RedisConnections {

    private static StatefulRedisConnection<String, String> connection;

    private RedisConnections() {
    }

    static synchronized StatefulRedisConnection<String, String> shared() {
        if (connection == null) {
            RedisClient client = RedisClient.create("redis://" + System.getProperty("salesagent.it.redis.host", "127.0.0.1")
                    + ":" + System.getProperty("salesagent.it.redis.port", "6379"));
            connection = client.connect();
        }
        return connection;
    }
}
