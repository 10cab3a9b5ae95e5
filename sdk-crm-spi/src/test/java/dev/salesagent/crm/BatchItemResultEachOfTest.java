package dev.salesagent.crm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BatchItemResultEachOfTest {

    private static final ErrorDetails DETAILS = ErrorDetails.of("acme");

    @Test
    void itemFailuresStayAtTheirIndexAndTheOtherItemsGoOn() {
        List<String> written = new ArrayList<>();
        List<BatchItemResult<String>> results = BatchItemResult.eachOf(List.of("a", "bad", "gone", "dup", "e"), s -> {
            switch (s) {
                case "bad" -> throw new CrmValidationException("invalid", DETAILS, List.of());
                case "gone" -> throw new CrmNotFoundException("missing", DETAILS);
                case "dup" -> throw new CrmConflictException("conflict", DETAILS, List.of());
                default -> {
                    written.add(s);
                    return UpsertResult.ofCreated(s.toUpperCase());
                }
            }
        });

        assertThat(results).extracting(BatchItemResult::index).containsExactly(0, 1, 2, 3, 4);
        assertThat(results).extracting(BatchItemResult::isSuccess).containsExactly(true, false, false, false, true);
        assertThat(results.get(0).result().record()).isEqualTo("A");
        assertThat(results.get(1).error()).isInstanceOf(CrmValidationException.class);
        assertThat(results.get(2).error()).isInstanceOf(CrmNotFoundException.class);
        assertThat(results.get(3).error()).isInstanceOf(CrmConflictException.class);
        assertThat(written).containsExactly("a", "e");
    }

    @Test
    void aFailureOfTheWholeCallPropagatesAndStopsTheBatch() {
        List<String> written = new ArrayList<>();
        CrmRateLimitException limit = new CrmRateLimitException("slow down", DETAILS, null, false);
        assertThatThrownBy(() -> BatchItemResult.eachOf(List.of("a", "b", "c"), s -> {
            if (s.equals("b")) {
                throw limit;
            }
            written.add(s);
            return UpsertResult.ofCreated(s);
        })).isSameAs(limit);
        assertThat(written).containsExactly("a");
    }
}
