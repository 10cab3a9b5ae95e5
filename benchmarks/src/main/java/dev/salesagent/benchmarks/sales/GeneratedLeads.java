package dev.salesagent.benchmarks.sales;

import dev.salesagent.agents.sales.lead.Lead;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Deterministic synthetic leads: about three contacts per company, every seniority, size band, industry and note
 * style the rules scorer distinguishes, so all routes (hot, warm, cold) and a few invalid e-mails (1 in 200) occur.
 */
final class GeneratedLeads {

    private static final String[] SYLLABLES = {"ac", "me", "glo", "bex", "ini", "tech", "um", "brel", "la", "cor",
            "vi", "ta", "no", "va", "zen", "tri", "dyn", "ar", "ko", "lux"};
    private static final String[] TITLES = {"Chief Revenue Officer", "CEO", "VP Sales", "Head of Growth",
            "Director of Sales Operations", "Marketing Manager", "Account Executive", "Sales Analyst", "Intern", null};
    private static final String[] INDUSTRIES = {"Software", "Financial Services", "Health Care", "Retail",
            "Telecommunications", "Industrials", "Mining", "Education", null};
    private static final long[] SIZES = {8, 40, 120, 600, 2_500, 12_000, 80_000};
    private static final String[] NOTES = {null, "Forecast lives in spreadsheets; budget approved this quarter.",
            "Manual CRM data entry slows the team; evaluating tools.", "Just browsing, maybe next year.",
            "Asked for a demo; pipeline visibility is poor.", "Churn is up and follow-up is slow.",
            "Renewal of the current tool next month."};
    private static final String[] FIRST = {"Ana", "Ben", "Chen", "Dana", "Eli", "Fay", "Gus", "Hana", "Ivo", "Jo"};
    private static final String[] LAST = {"Reyes", "Okafor", "Schmidt", "Kim", "Rossi", "Patel", "Novak", "Ito"};

    private GeneratedLeads() {
    }

    static List<Lead> generate(int count, long seed) {
        Random r = new Random(seed);
        List<Lead> leads = new ArrayList<>(count);
        int companies = Math.max(1, count / 3);
        for (int i = 0; i < count; i++) {
            int c = r.nextInt(companies);
            String company = name(c);
            String domain = company.toLowerCase().replace(" ", "") + c + ".example.com";
            String first = FIRST[r.nextInt(FIRST.length)];
            String last = LAST[r.nextInt(LAST.length)];
            String email = i % 200 == 199 ? first.toLowerCase() + "." + domain // deliberately malformed
                    : first.toLowerCase() + "." + last.toLowerCase() + i + "@" + domain;
            leads.add(Lead.builder().id("gen-" + i).company(company).domain(domain).firstName(first).lastName(last)
                    .email(email).title(TITLES[r.nextInt(TITLES.length)])
                    .industry(INDUSTRIES[c % INDUSTRIES.length]).employees(SIZES[c % SIZES.length])
                    .country(c % 5 == 0 ? "Germany" : "US").notes(NOTES[r.nextInt(NOTES.length)]).build());
        }
        return leads;
    }

    private static String name(int n) {
        StringBuilder sb = new StringBuilder();
        int x = n;
        do {
            sb.append(SYLLABLES[x % SYLLABLES.length]);
            x /= SYLLABLES.length;
        } while (x > 0);
        sb.setCharAt(0, Character.toUpperCase(sb.charAt(0)));
        return sb + " Corp";
    }
}
