package dev.salesagent.agents.sales.lead;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LeadTest {

    @Test
    void trimsLowerCasesTheEmailAndDerivesTheDomainFromIt() {
        Lead lead = Lead.builder().company("  Acme Corp ").email(" Jane.Doe@ACME.com ").title(" ").build().normalized();

        assertThat(lead.email()).isEqualTo("jane.doe@acme.com");
        assertThat(lead.domain()).isEqualTo("acme.com");
        assertThat(lead.company()).isEqualTo("Acme Corp");
        assertThat(lead.title()).isNull();
        assertThat(lead.naturalKey()).isEqualTo("jane.doe@acme.com");
    }

    @ParameterizedTest
    @CsvSource({
            "https://www.Acme.com/about?x=1, acme.com",
            "http://shop.acme.co.uk:8080/, shop.acme.co.uk",
            "www.globex.io, globex.io",
            "initech.com., initech.com"})
    void derivesTheDomainFromTheWebsite(String website, String expected) {
        Lead lead = Lead.builder().company("X").website(website).build().normalized();
        assertThat(lead.domain()).isEqualTo(expected);
    }

    @Test
    void explicitDomainWinsOverWebsiteAndEmail() {
        Lead lead = Lead.builder().email("a@mail.acme.com").website("acme.io").domain("HTTPS://WWW.ACME.COM/").build()
                .normalized();
        assertThat(lead.domain()).isEqualTo("acme.com");
    }

    @Test
    void consumerMailDomainIsNotTakenAsTheCompanyDomain() {
        Lead lead = Lead.builder().email("sam.smith@gmail.com").build().normalized();
        assertThat(lead.domain()).isNull();
        assertThat(lead.email()).isEqualTo("sam.smith@gmail.com");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "jane.acme.com      | missing '@'",
            "jane@@acme.com     | more than one '@'",
            "@acme.com          | empty local part",
            "jane@acme          | has no top-level domain",
            "jane..doe@acme.com | consecutive dots",
            "jane doe@acme.com  | contains whitespace",
            "jane@              | empty domain"})
    void rejectsMalformedEmailsWithTheReason(String email, String reason) {
        assertThatThrownBy(() -> Lead.builder().company("Acme").email(email).build().normalized())
                .isInstanceOf(InvalidLeadException.class)
                .satisfies(e -> assertThat(((InvalidLeadException) e).problems())
                        .anySatisfy(p -> assertThat(p).contains("malformed e-mail '" + email.strip() + "'").contains(reason)));
    }

    @Test
    void needsAnEmailOrACompanyAndADomain() {
        assertThatThrownBy(() -> Lead.builder().company("Acme").build().normalized())
                .isInstanceOf(InvalidLeadException.class)
                .hasMessageContaining("needs an e-mail, or a company and a domain");
        assertThat(Lead.builder().company("Acme").domain("acme.com").build().normalized().naturalKey())
                .isEqualTo("acme.com");
    }

    @Test
    void reportsEveryProblemAtOnce() {
        assertThatThrownBy(() -> Lead.builder().email("nope").domain("not a domain").employees(-3L).build().normalized())
                .isInstanceOfSatisfying(InvalidLeadException.class, e -> assertThat(e.problems()).hasSize(3)
                        .anySatisfy(p -> assertThat(p).startsWith("malformed e-mail"))
                        .anySatisfy(p -> assertThat(p).startsWith("malformed domain 'not a domain'"))
                        .anySatisfy(p -> assertThat(p).contains("employees must be >= 0")));
    }
}
