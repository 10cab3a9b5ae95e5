package dev.salesagent.server.agentplatform.seed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class VersionOrderTest {

    @Test
    @DisplayName("Maven: ComparableVersion order (extra numeric parts, RELEASE qualifier, betas before releases)")
    void maven() {
        assertThat(VersionOrder.compareMaven("2.12.6.1", "2.12.6")).isPositive();
        assertThat(VersionOrder.compareMaven("2.12.6", "2.12.6.0")).isZero();
        assertThat(VersionOrder.compareMaven("5.2.20.RELEASE", "5.2.20")).isZero();
        assertThat(VersionOrder.compareMaven("5.2.19.RELEASE", "5.2.20.RELEASE")).isNegative();
        assertThat(VersionOrder.compareMaven("2.0-beta9", "2.0")).isNegative();
        assertThat(VersionOrder.compareMaven("2.0-rc1", "2.0-beta9")).isPositive();
        assertThat(VersionOrder.compareMaven("2.10.0", "2.9.1")).isPositive();
        assertThat(VersionOrder.compareMaven("2.4", "2.3.1")).isPositive();
        assertThat(VersionOrder.compareMaven("0", "0.0.1-alpha")).isNegative();
        assertThat(VersionOrder.compareMaven("1.0-SNAPSHOT", "1.0")).isNegative();
    }

    @Test
    @DisplayName("SemVer: the precedence example of semver.org item 11, and build metadata ignored")
    void semver() {
        List<String> spec = List.of("1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta",
                "1.0.0-beta.2", "1.0.0-beta.11", "1.0.0-rc.1", "1.0.0", "2.0.0", "2.1.0", "2.1.1");
        List<String> shuffled = new ArrayList<>(spec);
        Collections.reverse(shuffled);
        shuffled.sort(VersionOrder.of("npm"));
        assertThat(shuffled).containsExactlyElementsOf(spec);
        assertThat(VersionOrder.compareSemver("4.17.20", "4.17.21")).isNegative();
        assertThat(VersionOrder.compareSemver("4.17.21+build.5", "4.17.21")).isZero();
        assertThat(VersionOrder.compareSemver("10.0.0", "9.99.99")).isPositive();
        assertThat(VersionOrder.compareSemver("0", "0.0.0")).isNegative();
    }

    @Test
    @DisplayName("bad input: a non-SemVer npm version and an unknown ecosystem are refused by name")
    void invalid() {
        assertThatThrownBy(() -> VersionOrder.compareSemver("4.17", "4.17.21"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'4.17' is not a SemVer");
        assertThatThrownBy(() -> VersionOrder.of("PyPI")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("PyPI");
        assertThat(VersionOrder.isSemver("01.2.3")).isFalse();
        assertThat(VersionOrder.isSemver("v1.2.3")).isTrue();
    }
}
