package dev.salesagent.agents.sales.scoring;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import static org.assertj.core.api.Assertions.assertThat;

class IndustryTaxonomyTest {

    /**
     * Every sub-industry of the real S&P 500 list (GICS, 124 distinct values) is read as the sector the list gives it.
     * The list is the quickstart's test resource {@code sp500-constituents.csv}, copied here unchanged.
     */
    @Test
    void everyGicsSubIndustryOfTheSp500ListFallsInItsSector() throws Exception {
        List<String> wrong = new ArrayList<>();
        int rows = 0;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(Objects.requireNonNull(
                getClass().getResourceAsStream("/sp500-constituents.csv")), StandardCharsets.UTF_8))) {
            r.readLine();
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                // Symbol,Security,GICS Sector,GICS Sub-Industry,... (quoted values hold commas)
                List<String> f = fields(line);
                String sector = f.get(2);
                String subIndustry = f.get(3);
                IndustryTaxonomy.Category bySector = IndustryTaxonomy.classify(sector);
                IndustryTaxonomy.Category bySub = IndustryTaxonomy.classify(subIndustry);
                if (bySector == null || bySub == null || !bySector.sector().equals(bySub.sector())) {
                    wrong.add(subIndustry + " (" + sector + ") -> " + bySub + " / " + bySector);
                }
                rows++;
            }
        }
        assertThat(rows).isGreaterThan(500);
        assertThat(wrong).isEmpty();
    }

    private static List<String> fields(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (char c : line.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        out.add(cur.toString());
        return out;
    }

    @ParameterizedTest(name = "{0} fits ''{1}''")
    @CsvSource(delimiter = '|', value = {
            // GICS sub-industries and sectors
            "Application Software | software", "Systems Software | software", "Semiconductors | information technology",
            "Regional Banks | financial services", "Property & Casualty Insurance | financial services",
            "Transaction & Payment Processing Services | fintech", "Managed Health Care | health care",
            "Pharmaceuticals | health care", "Wireless Telecommunication Services | telecommunications",
            "Research & Consulting Services | professional services", "Broadline Retail | retail",
            // Salesforce's standard Industry picklist
            "Technology | information technology", "Banking | financial services", "Finance | financials",
            "Insurance | financial services", "Healthcare | health care", "Biotechnology | health care",
            "Telecommunications | telecommunications", "Consulting | professional services", "Retail | retail",
            // HubSpot's industry enum
            "COMPUTER_SOFTWARE | software", "INFORMATION_TECHNOLOGY_AND_SERVICES | information technology",
            "FINANCIAL_SERVICES | financial services", "HOSPITAL_HEALTH_CARE | health care",
            "INVESTMENT_BANKING | financial services", "MANAGEMENT_CONSULTING | professional services",
            "INTERNET | information technology",
            // LinkedIn-style and NASDAQ-style names
            "IT Services and IT Consulting | information technology", "Computer Software | saas",
            "Hospitals and Health Care | health care", "Software Development | software",
            "EDP Services | information technology", "Major Banks | financial services",
            "Investment Bankers/Brokers/Service | financial services", "Major Pharmaceuticals | health care",
            "E-Commerce | e-commerce", "Internet Retail | e-commerce", "ecommerce | e-commerce"})
    void industriesAsRealFilesWriteThemFitTheKeyword(String industry, String keyword) {
        assertThat(IndustryTaxonomy.matches(industry, keyword)).isTrue();
    }

    @ParameterizedTest(name = "{0} does not fit ''{1}''")
    @CsvSource(delimiter = '|', value = {
            "Health Care REITs | health care",
            "Telecom Tower REITs | telecommunications", "Industrial Machinery/Components | information technology",
            "Oil & Gas Production | financial services", "Gas Utilities | energy", "Major Chemicals | health care",
            "Semiconductors | software", "Information Technology | software", "Communications | telecommunications",
            "Fintech | tech", "Digital Media | it", "Real Estate Investment Trusts | financial services",
            "Agricultural & Farm Machinery | consumer staples", "Life & Health Insurance | health care",
            "Technology Distributors | consumer discretionary", "Restaurants | retail"})
    void otherIndustriesDoNot(String industry, String keyword) {
        assertThat(IndustryTaxonomy.matches(industry, keyword)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"n/a", "N/A", "Other", "unknown", "-", "  ", "None", "Not specified"})
    void valuesThatStateNoIndustryAreUnknown(String value) {
        assertThat(IndustryTaxonomy.unknown(value)).isTrue();
    }

    @Test
    void aRealIndustryIsNotUnknown() {
        assertThat(IndustryTaxonomy.unknown("Other Specialty Retail")).isFalse();
        assertThat(IndustryTaxonomy.unknown(null)).isTrue();
    }
}
