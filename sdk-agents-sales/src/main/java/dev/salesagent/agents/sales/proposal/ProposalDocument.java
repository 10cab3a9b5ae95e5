package dev.salesagent.agents.sales.proposal;

import dev.salesagent.agents.sales.SellerProfile;
import dev.salesagent.agents.sales.lead.Lead;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/** Renders the proposal markdown; the pricing table and timeline are computed here for rules and model alike. */
final class ProposalDocument {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ISO_LOCAL_DATE;

    private ProposalDocument() {
    }

    static String title(SellerProfile seller, ProposalRequest req) {
        return seller.product() + " proposal for " + company(req);
    }

    static String company(ProposalRequest req) {
        Lead l = req.lead();
        return l.company() != null ? l.company() : l.domain() != null ? l.domain() : "your team";
    }

    static String render(SellerProfile seller, ProposalRequest req, String summary, String problem, String solution,
                         List<String> nextSteps) {
        StringBuilder md = new StringBuilder();
        md.append("# ").append(title(seller, req)).append("\n\n");
        Lead l = req.lead();
        if (l.fullName() != null) {
            md.append("Prepared for ").append(l.fullName());
            if (l.title() != null) {
                md.append(", ").append(l.title());
            }
            md.append(", by ").append(seller.company()).append(".\n\n");
        }
        md.append("## Executive summary\n\n").append(summary.strip()).append("\n\n");
        md.append("## Problem\n\n").append(problem.strip()).append("\n\n");
        md.append("## Solution\n\n").append(solution.strip()).append("\n\n");
        md.append("## Pricing\n\n").append(pricingTable(req)).append("\n");
        md.append("## Timeline\n\n").append(timeline(req)).append("\n");
        md.append("## Next steps\n\n");
        for (int i = 0; i < nextSteps.size(); i++) {
            md.append(i + 1).append(". ").append(nextSteps.get(i).strip()).append("\n");
        }
        return md.toString();
    }

    /**
     * One row per contract year (the last may be partial), amounts pro rata by months, rounding absorbed by the last
     * row so the rows sum exactly to the deal size.
     */
    static String pricingTable(ProposalRequest req) {
        StringBuilder t = new StringBuilder("| Period | Months | Amount (USD) |\n|---|---:|---:|\n");
        BigDecimal total = req.dealSizeUsd();
        int term = req.termMonths();
        BigDecimal billed = BigDecimal.ZERO;
        int year = 1;
        for (int start = 0; start < term; start += 12, year++) {
            int months = Math.min(12, term - start);
            BigDecimal amount = start + months >= term ? total.subtract(billed)
                    : total.multiply(BigDecimal.valueOf(months)).divide(BigDecimal.valueOf(term), 2, RoundingMode.HALF_UP);
            billed = billed.add(amount);
            t.append("| Year ").append(year).append(" | ").append(months).append(" | ").append(money(amount))
                    .append(" |\n");
        }
        t.append("| **Total** | **").append(term).append("** | **").append(money(total)).append("** |\n\n");
        t.append("Monthly equivalent: ")
                .append(money(total.divide(BigDecimal.valueOf(term), 2, RoundingMode.HALF_UP))).append(" USD.\n");
        return t.toString();
    }

    static String timeline(ProposalRequest req) {
        LocalDate s = req.startDate();
        return "| Phase | Starts | What happens |\n|---|---|---|\n"
                + "| Kick-off | " + DATE.format(s) + " | goals, owners and success criteria agreed |\n"
                + "| CRM integration | " + DATE.format(s.plusWeeks(1)) + " | connect the CRM and map fields |\n"
                + "| Pilot | " + DATE.format(s.plusWeeks(3)) + " | one team works its leads with the agents |\n"
                + "| Rollout | " + DATE.format(s.plusWeeks(6)) + " | all teams live; first business review |\n";
    }

    static String money(BigDecimal v) {
        DecimalFormat f = new DecimalFormat("#,##0.00", DecimalFormatSymbols.getInstance(Locale.US));
        return f.format(v.setScale(2, RoundingMode.HALF_UP));
    }
}
