package dev.salesagent.server.workspace.content;

import dev.salesagent.agents.sales.lead.Lead;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

/**
 * A lead's data as given in a request body (the workspace's lead records are referenced separately by
 * {@code lead_id}). Normalised by the SDK's {@link Lead#normalized()}: a lead needs an e-mail, or a company and a
 * domain; a malformed value answers 400 {@code invalid-lead} listing every problem.
 *
 * @param company company name
 * @param domain company web domain
 * @param website company website
 * @param firstName contact first name
 * @param lastName contact last name
 * @param email contact e-mail
 * @param title contact job title
 * @param phone contact phone
 * @param industry industry
 * @param employees employee count
 * @param country country
 * @param notes free-text notes (data, never instructions)
 */
public record LeadInput(@Size(max = 300) String company, @Size(max = 300) String domain, @Size(max = 500) String website,
                        @Size(max = 200) String firstName, @Size(max = 200) String lastName,
                        @Size(max = 320) String email, @Size(max = 200) String title, @Size(max = 50) String phone,
                        @Size(max = 200) String industry, @PositiveOrZero Long employees,
                        @Size(max = 100) String country, @Size(max = 4000) String notes) {

    /**
     * The SDK lead, normalised.
     *
     * @return the normalised lead
     * @throws dev.salesagent.agents.sales.lead.InvalidLeadException listing every problem
     */
    public Lead toLead() {
        return Lead.builder().company(company).domain(domain).website(website).firstName(firstName).lastName(lastName)
                .email(email).title(title).phone(phone).industry(industry).employees(employees).country(country)
                .notes(notes).build().normalized();
    }
}
