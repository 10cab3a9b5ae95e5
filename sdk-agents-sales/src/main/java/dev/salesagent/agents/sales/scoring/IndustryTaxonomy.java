package dev.salesagent.agents.sales.scoring;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads the industry names real files use (GICS sectors and sub-industries, Salesforce's Industry picklist, HubSpot's
 * industry enum such as {@code COMPUTER_SOFTWARE}, LinkedIn's industries, NASDAQ-style names such as
 * {@code EDP Services}) as one of eleven GICS sectors plus education and the public sector, and within a sector as an
 * industry group where the name says which one.
 *
 * <p>Names are normalised to words first: lower case, {@code &}, {@code _}, hyphens and punctuation to spaces, the
 * words {@code and}/{@code of}/{@code the} dropped, plurals to singular ({@code Banks} -> {@code bank},
 * {@code Utilities} -> {@code utility}). A name is classified by the phrase of the table it contains as whole words:
 * a REIT phrase first (a {@code Health Care REIT} is real estate, and does not fit {@code health care}), then the longest phrase, then the earliest one
 * (the modifier names the business: {@code Food Retail} is food).
 *
 * <p>A profile keyword matches a lead's industry when the keyword's words occur in the industry's words
 * ({@code retail} in {@code Apparel Retail}), when the keyword names a sector (e.g. {@code financial services},
 * {@code health care}, {@code information technology}) that the industry belongs to ({@code Regional Banks},
 * {@code Major Pharmaceuticals}, {@code EDP Services}), or when both name the same industry group ({@code software}
 * and {@code COMPUTER_SOFTWARE} or {@code Application Software}).
 */
final class IndustryTaxonomy {

    /** Values that state no industry: treated as unknown. */
    private static final Set<String> UNKNOWN = Set.of("", "n a", "na", "none", "unknown", "other", "null", "not specified",
            "not applicable", "unspecified", "tbd", "misc", "miscellaneous");

    /** A sector (group null) or an industry group within a sector. */
    record Category(String sector, String group) {
    }

    record Phrase(List<String> words, Category category, int priority) {
    }

    private static final List<Phrase> PHRASES = new ArrayList<>();
    private static final java.util.regex.Pattern NON_WORD = java.util.regex.Pattern.compile("[^\\p{L}\\p{N}]+");

    /** A name read once: its words and the phrase that classifies it (or null). */
    record Name(List<String> words, Phrase phrase) {
    }

    static {
        sector("information technology", "information technology; technology; tech; high tech; it; information service");
        group("information technology", "software", "software; saas; software as a service; computer software; "
                + "application software; system software; internet software; software development; software publisher; "
                + "enterprise software");
        group("information technology", "it services", "it service; it consulting; information technology service; "
                + "edp service; data processing; computer service; cloud; cloud computing; internet; "
                + "internet service infrastructure; cybersecurity; computer network security; data center; "
                + "managed service");
        group("information technology", "hardware", "hardware; computer; computer hardware; computer networking; "
                + "semiconductor; electronic; electronic component; electronic equipment; "
                + "technology hardware; communication equipment; telecommunication equipment; technology distributor; "
                + "networking");
        sector("financials", "financial; finance; financial service; financial exchange");
        group("financials", "banking", "bank; banking; commercial bank; major bank; regional bank; savings institution; "
                + "credit union; mortgage");
        group("financials", "insurance", "insurance; insurer; reinsurance; health insurance; life insurance; "
                + "property casualty insurer; insurance broker");
        group("financials", "capital markets", "investment; investment banking; investment bank; investment manager; "
                + "investment management; asset management; capital market; broker; brokerage; venture capital; "
                + "private equity; venture capital private equity; multi sector holding; wealth management; "
                + "finance lease");
        group("financials", "fintech", "fintech; payment; transaction payment processing; financial technology");
        sector("health care", "health; health care; healthcare; medical; life science; wellness; health wellness fitness");
        group("health care", "pharma", "pharmaceutical; pharma; major pharmaceutical; biotechnology; biotech; drug");
        group("health care", "providers", "hospital; hospital health care; clinic; managed health care; "
                + "health care provider; health care facility; health care service; mental health care; dental; "
                + "nursing; medical practice");
        group("health care", "medical devices", "medical device; medical equipment; health care equipment; "
                + "health care supply; medical instrument; laboratory analytical instrument; health care distributor");
        sector("communication services", "communication service; communication; media");
        group("communication services", "telecommunications", "telecommunication; telecom; wireless; "
                + "telecommunication service; wireless telecommunication service; cable satellite");
        group("communication services", "media", "broadcasting; entertainment; movie; publishing; newspaper; "
                + "interactive media; online media; advertising; marketing advertising; music; film; "
                + "interactive home entertainment; media production; broadcast media");
        sector("consumer discretionary", "consumer discretionary; consumer service; specialized consumer service");
        group("consumer discretionary", "retail", "retail; retailer; broadline retail; specialty retail; "
                + "department store; apparel retail; automotive retail; home improvement retail; "
                + "computer electronic retail; electronic retail; homefurnishing retail");
        group("consumer discretionary", "e-commerce", "e commerce; ecommerce; internet retail; online retail; "
                + "internet direct marketing retail");
        group("consumer discretionary", "automotive", "automotive; automobile; automobile manufacturer; auto part; "
                + "automotive aftermarket; automotive part equipment; car");
        group("consumer discretionary", "hospitality", "hotel; restaurant; fast food; leisure; hospitality; casino; "
                + "gaming; cruise line; travel; recreation; leisure travel tourism; food service");
        group("consumer discretionary", "consumer products", "apparel; apparel fashion; textile; footwear; "
                + "luxury good; consumer electronic; household durable; home furnishing; homebuilding; sporting good; "
                + "leisure product; distributor");
        sector("consumer staples", "consumer staple; consumer good; consumer staple merchandise retail");
        group("consumer staples", "food and beverage", "food; beverage; food beverage; food production; "
                + "packaged food; food distributor; food retail; brewer; distiller; soft drink; "
                + "agricultural product; agriculture; farming; grocery; supermarket; dairy; wine spirit");
        group("consumer staples", "household and personal", "household; household product; personal care; "
                + "personal care product; cosmetic; tobacco");
        sector("industrials", "industrial; industrials; manufacturing; capital good; miscellaneous manufacturing");
        group("industrials", "machinery", "machinery; industrial machinery; industrial machinery component; "
                + "farm machinery; construction machinery; heavy equipment; electrical; electrical equipment; "
                + "electrical component; heavy electrical equipment; industrial conglomerate; industrial specialty; "
                + "industrial automation; mechanical industrial engineering");
        group("industrials", "aerospace and defense", "aerospace; defense; defence; defense space; military; aviation; "
                + "aviation aerospace; aerospace defense");
        group("industrials", "construction", "construction; engineering; construction engineering; building product; "
                + "building material; civil engineering; architecture planning");
        group("industrials", "transportation", "transportation; logistics; airline; passenger airline; railroad; "
                + "rail transportation; trucking; shipping; air freight; freight; marine; "
                + "logistics supply chain; transportation trucking railroad; ground transportation; maritime");
        group("industrials", "professional services", "professional service; business service; consulting; "
                + "management consulting; research consulting service; staffing; staffing recruiting; "
                + "human resource; employment service; outsourcing; commercial service; "
                + "commercial professional service; support service; diversified support service; "
                + "data processing outsourced service; environmental; environmental service; "
                + "environmental facility service; legal service; law practice; accounting; trading company; "
                + "security investigation");
        sector("energy", "energy; oil; gas; oil gas; oil energy; petroleum; coal; integrated oil gas; "
                + "oil gas production; oil gas equipment service; renewable energy; renewable");
        sector("materials", "material; chemical; major chemical; commodity chemical; specialty chemical; "
                + "fertilizer; metal; mining; mining metal; steel; aluminum; copper; gold; silver; paper; "
                + "packaging; packaging container; construction material; forest product; timber; glass; plastic; "
                + "industrial gas");
        sector("utilities", "utility; utilities; electric utility; gas utility; water utility; multi utility; power; "
                + "independent power producer; electricity; natural gas distribution; water supply");
        sector("real estate", "real estate; commercial real estate; real estate service; real estate management; "
                + "property management");
        PHRASES.add(phrase("reit", new Category("real estate", null), 1));
        PHRASES.add(phrase("real estate investment trust", new Category("real estate", null), 1));
        sector("public sector", "government; public sector; public administration; government administration; "
                + "government relation; non profit; nonprofit; not profit; civic social organization; "
                + "military government technical");
        sector("education", "education; higher education; university; school; e learning; education management; "
                + "primary secondary education; education service");
    }

    private IndustryTaxonomy() {
    }

    private static void sector(String sector, String phrases) {
        add(new Category(sector, null), phrases);
    }

    private static void group(String sector, String group, String phrases) {
        add(new Category(sector, group), phrases);
    }

    private static void add(Category c, String phrases) {
        for (String p : phrases.split(";")) {
            PHRASES.add(phrase(p, c, 0));
        }
    }

    private static Phrase phrase(String text, Category c, int priority) {
        return new Phrase(words(text), c, priority);
    }

    /**
     * The words of an industry name or keyword: lower case, punctuation to spaces, {@code and/of/the} dropped,
     * plurals to singular.
     */
    static List<String> words(String text) {
        String s = NON_WORD.matcher(text.toLowerCase(Locale.ROOT).replace("&", " and ")).replaceAll(" ").strip();
        if (s.isEmpty()) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String w : s.split(" ")) {
            if (w.equals("and") || w.equals("of") || w.equals("the")) {
                continue;
            }
            out.add(singular(w));
        }
        return List.copyOf(out);
    }

    private static String singular(String w) {
        if (w.equals("gases")) {
            return "gas";
        }
        if (w.endsWith("sses")) {
            return w.substring(0, w.length() - 2);
        }
        if (w.length() > 4 && w.endsWith("ies")) {
            return w.substring(0, w.length() - 3) + "y";
        }
        if (w.length() > 3 && w.endsWith("s") && !w.endsWith("ss") && !w.endsWith("us") && !w.endsWith("is")) {
            return w.substring(0, w.length() - 1);
        }
        return w;
    }

    /** {@return whether the value states no industry ({@code n/a}, {@code Other}, {@code unknown}, blank, ...)} */
    static boolean unknown(String industry) {
        return industry == null || UNKNOWN.contains(String.join(" ", words(industry)));
    }

    /** {@return the sector and, where the name says it, the industry group of a name; null when not recognised} */
    static Category classify(String name) {
        Phrase p = best(words(name));
        return p == null ? null : p.category();
    }

    private static Phrase best(List<String> w) {
        Phrase best = null;
        int bestAt = -1;
        for (Phrase p : PHRASES) {
            int at = indexOf(w, p.words());
            if (at < 0) {
                continue;
            }
            if (best == null || p.priority() > best.priority()
                    || p.priority() == best.priority() && (p.words().size() > best.words().size()
                    || p.words().size() == best.words().size() && at < bestAt)) {
                best = p;
                bestAt = at;
            }
        }
        return best;
    }

    /**
     * Whether a profile keyword matches an industry: the keyword's words occur in the industry's words, or the keyword
     * names the industry's sector, or both name the same industry group.
     *
     * @param industry the lead's industry as written in the file
     * @param keyword  one of the profile's industry keywords
     * @return true when the industry fits the keyword
     */
    static boolean matches(String industry, String keyword) {
        return matches(name(industry), name(keyword));
    }

    /** {@return the name read once, for repeated {@link #matches(Name, Name)}} */
    static Name name(String text) {
        List<String> w = words(text);
        return new Name(w, best(w));
    }

    /** {@link #matches(String, String)} on names read once. */
    static boolean matches(Name industry, Name keyword) {
        List<String> i = industry.words();
        List<String> k = keyword.words();
        if (k.isEmpty() || i.isEmpty()) {
            return false;
        }
        Phrase pi = industry.phrase();
        Phrase pk = keyword.phrase();
        Category ci = pi == null ? null : pi.category();
        Category ck = pk == null ? null : pk.category();
        if (indexOf(i, k) >= 0) {
            // words match, unless a REIT phrase puts the industry in real estate and the keyword names another sector
            return pi == null || pi.priority() == 0 || ck == null || ck.sector().equals(ci.sector());
        }
        if (ci == null || ck == null || !ci.sector().equals(ck.sector())) {
            return false;
        }
        return ck.group() == null || ck.group().equals(ci.group());
    }

    private static int indexOf(List<String> haystack, List<String> needle) {
        outer:
        for (int i = 0; i + needle.size() <= haystack.size(); i++) {
            for (int j = 0; j < needle.size(); j++) {
                if (!haystack.get(i + j).equals(needle.get(j))) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
