package dev.salesagent.common.redact;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PiiRedactorTest {

    private final PiiRedactor redactor = PiiRedactor.defaults();

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            Contact jane.doe@acme.com today                 | Contact j***@acme.com today
            mail: J.Smith+crm@sub.example.co.uk.            | mail: J***@sub.example.co.uk.
            two a@b.io and bob@x-y.org                      | two a***@b.io and b***@x-y.org
            card 4111 1111 1111 1111 exp 12/27             | card **** **** **** 1111 exp 12/27
            card 4111-1111-1111-1111                        | card ****-****-****-1111
            amex 378282246310005                            | amex ***********0005
            iban DE89 3704 0044 0532 0130 00 ok             | iban DE** **** **** **** **30 00 ok
            iban GB29NWBK60161331926819                     | iban GB****************6819
            ssn 123-45-6789                                 | ssn ***-**-6789
            call +44 20 7946 0958 now                       | call +44 ** **** **58 now
            call +1-415-555-0132                            | call +1-***-***-**32
            office (415) 555-0132                           | office (***) ***-**32
            cell 415.555.0132                               | cell ***.***.**32
            Berlin +49 30 1234567                           | Berlin +49 ** *****67
            """)
    void masksPersonalData(String input, String expected) {
        assertThat(redactor.redact(input)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "Order ORD-2024-000123 shipped on 2024-01-15",
            "Invoice INV-10045 total $1,234,567.89",
            "Meeting at 10:30 on 15/01/2025, room 4-201",
            "Tracking 1Z999AA10123456784",
            "Card-like but Luhn-invalid 4111 1111 1111 1112",
            "IBAN-like but checksum-invalid DE88 3704 0044 0532 0130 00",
            "Not an SSN: 000-12-3456 or 666-12-3456",
            "Version 1.2.3 released, build 20250115",
            "Quote SO-2025-0042 for 250 units at 17.50 USD",
            "Account number 12345678",
            "user at example dot com",
    })
    void leavesNonPiiUntouched(String input) {
        assertThat(redactor.redact(input)).isEqualTo(input);
        assertThat(redactor.containsPii(input)).isFalse();
    }

    @Test
    void redactionIsIdempotent() {
        String once = redactor.redact("jane@acme.com 4111 1111 1111 1111 +44 20 7946 0958 123-45-6789");
        assertThat(redactor.redact(once)).isEqualTo(once);
    }

    @Test
    void onlySelectedKindsAreMasked() {
        PiiRedactor emailsOnly = PiiRedactor.of(PiiRedactor.Kind.EMAIL);
        assertThat(emailsOnly.redact("jane@acme.com 123-45-6789")).isEqualTo("j***@acme.com 123-45-6789");
    }

    @Test
    void nullAndEmptyPassThrough() {
        assertThat(redactor.redact(null)).isNull();
        assertThat(redactor.redact("")).isEmpty();
    }
}
