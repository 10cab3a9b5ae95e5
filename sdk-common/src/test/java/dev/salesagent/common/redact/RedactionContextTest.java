package dev.salesagent.common.redact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RedactionContextTest {

    private final PiiRedactor redactor = PiiRedactor.defaults();
    private final RedactionContext lead = RedactionContext.builder()
            .name("Renée Dupont")
            .streetAddress("12 rue de la Paix, 75002 Paris")
            .dateOfBirth(LocalDate.of(1984, 3, 14))
            .build();

    @Test
    void masksTheRecordFieldsOnlyWhileTheScopeIsOpen() {
        String line = "Scored Renée Dupont (born 14/03/1984) at 12 rue de la Paix, 75002 Paris";
        assertThat(redactor.redact(line)).isEqualTo(line);
        try (RedactionContext.Scope ignored = lead.open()) {
            assertThat(redactor.redact(line)).isEqualTo("Scored [name] (born [date of birth]) at [address]");
            assertThat(RedactionContext.current().names()).containsExactly("Renée Dupont");
        }
        assertThat(redactor.redact(line)).isEqualTo(line);
        assertThat(RedactionContext.current().isEmpty()).isTrue();
    }

    @Test
    void matchesVariantsCaseAndSpacingButNotInsideLongerWords() {
        String out = redactor.redact("DUPONT, Renée called; Dupontel and Renéey are other people; March 14, 1984;"
                + " 12  Rue de la PAIX", lead);
        assertThat(out).isEqualTo("[name] called; Dupontel and Renéey are other people; [date of birth]; [address]");
    }

    @Test
    void nestedScopesAddValuesAndCloseRestoresTheOuterOnes() {
        RedactionContext other = RedactionContext.builder().name("José García").build();
        try (RedactionContext.Scope outer = lead.open()) {
            try (RedactionContext.Scope inner = other.open()) {
                assertThat(redactor.redact("Renée Dupont and José García")).isEqualTo("[name] and [name]");
            }
            assertThat(redactor.redact("Renée Dupont and José García")).isEqualTo("[name] and José García");
        }
    }

    @Test
    void isBoundToTheThreadAndCarriedByWrap() throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (RedactionContext.Scope ignored = lead.open()) {
            String plain = pool.submit(() -> redactor.redact("Renée Dupont")).get(30, TimeUnit.SECONDS);
            String wrapped = pool.submit(lead.wrap(() -> redactor.redact("Renée Dupont"))).get(30, TimeUnit.SECONDS);
            assertThat(plain).isEqualTo("Renée Dupont");
            assertThat(wrapped).isEqualTo("[name]");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aScopeMustBeClosedOnItsOwnThread() throws Exception {
        RedactionContext.Scope scope = lead.open();
        try {
            Thread t = new Thread(() -> assertThatThrownBy(scope::close).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("closed on the thread that opened it"));
            t.start();
            t.join();
        } finally {
            scope.close();
        }
        assertThat(RedactionContext.current().isEmpty()).isTrue();
    }

    @Test
    void toStringNeverShowsTheValues() {
        assertThat(lead.toString()).doesNotContain("Renée").doesNotContain("Paix").contains("names=1");
    }

    @Test
    void threadContextCanBeTurnedOff() {
        PiiRedactor explicitOnly = PiiRedactor.builder().threadContext(false).build();
        try (RedactionContext.Scope ignored = lead.open()) {
            assertThat(explicitOnly.redact("Renée Dupont")).isEqualTo("Renée Dupont");
            assertThat(explicitOnly.redact("Renée Dupont", lead)).isEqualTo("[name]");
        }
    }
}
