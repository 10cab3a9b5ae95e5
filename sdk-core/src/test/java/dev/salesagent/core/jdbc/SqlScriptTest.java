package dev.salesagent.core.jdbc;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SqlScriptTest {

    @Test
    void splitsStatementsAndDropsCommentLines() {
        SqlScript script = SqlScript.parse("t", """
                -- a table
                CREATE TABLE IF NOT EXISTS t (id INT);
                  -- an indented comment
                CREATE INDEX IF NOT EXISTS t_id ON t (id);

                """);
        assertThat(script.statements()).containsExactly(
                "CREATE TABLE IF NOT EXISTS t (id INT)", "CREATE INDEX IF NOT EXISTS t_id ON t (id)");
    }

    @Test
    void executesIdempotentScriptTwiceOnH2() throws Exception {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:sqlscript;DB_CLOSE_DELAY=-1");
        SqlScript script = SqlScript.parse("t", "CREATE TABLE IF NOT EXISTS sql_script_t (id INT); "
                + "CREATE INDEX IF NOT EXISTS sql_script_t_id ON sql_script_t (id);");
        script.execute(ds);
        script.execute(ds);
        try (Connection c = ds.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM sql_script_t")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(1)).isZero();
        }
    }

    @Test
    void missingResourceIsAClearError() {
        assertThatThrownBy(() -> SqlScript.fromClasspath("no/such.sql", getClass().getClassLoader()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no/such.sql");
    }
}
