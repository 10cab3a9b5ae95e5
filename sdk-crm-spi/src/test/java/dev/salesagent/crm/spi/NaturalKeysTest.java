package dev.salesagent.crm.spi;

import dev.salesagent.crm.CrmValidationException;
import dev.salesagent.crm.ErrorDetails;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class NaturalKeysTest {

    private final ErrorDetails details = ErrorDetails.of("test");

    @ParameterizedTest
    @ValueSource(strings = {"jane@acme.com", "j.doe+crm@sub.acme.co.uk"})
    void acceptsEmails(String email) {
        assertThat(NaturalKeys.isEmail(email)).isTrue();
        assertThat(NaturalKeys.contactEmailProblem(email, details)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"jane.acme.com", "jane@acme", "ja ne@acme.com", "a@@b.com"})
    void rejectsMalformedEmails(String email) {
        assertThat(NaturalKeys.contactEmailProblem(email, details)).hasValueSatisfying(e -> {
            assertThat(e.providerId()).isEqualTo("test");
            assertThat(e.fieldErrors()).extracting(CrmValidationException.FieldError::code).containsExactly("INVALID_EMAIL");
        });
    }

    @Test
    void missingKeysAreRequired() {
        assertThat(NaturalKeys.contactEmailProblem(null, details)).hasValueSatisfying(e ->
                assertThat(e.fieldErrors()).extracting(CrmValidationException.FieldError::code).containsExactly("REQUIRED"));
        assertThat(NaturalKeys.accountDomainProblem(null, details)).hasValueSatisfying(e ->
                assertThat(e.fieldErrors()).extracting(CrmValidationException.FieldError::field).containsExactly("domain"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"acme", "not a domain", "-acme.com", "acme..com"})
    void rejectsMalformedDomains(String domain) {
        assertThat(NaturalKeys.isDomain(domain)).isFalse();
        assertThat(NaturalKeys.accountDomainProblem(domain, details)).hasValueSatisfying(e ->
                assertThat(e.fieldErrors()).extracting(CrmValidationException.FieldError::code).containsExactly("INVALID_DOMAIN"));
    }

    @Test
    void acceptsDomains() {
        assertThat(NaturalKeys.accountDomainProblem("sub.acme-corp.co.uk", details)).isEmpty();
    }
}
