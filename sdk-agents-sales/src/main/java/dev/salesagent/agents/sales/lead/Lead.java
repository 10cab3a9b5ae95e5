package dev.salesagent.agents.sales.lead;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A sales lead as it arrives (from a CSV, a form, a CRM list). Every field is optional; {@link #normalized()}
 * validates and returns the canonical form the agents work on.
 *
 * @param id        caller's id for the lead (e.g. {@code row-12}); used to map batch results back, or null
 * @param company   company name
 * @param domain    company web domain, e.g. {@code acme.com}
 * @param website   company website URL; a source for the domain when {@code domain} is empty
 * @param firstName contact first name
 * @param lastName  contact last name
 * @param email     contact e-mail
 * @param title     contact job title, e.g. {@code VP Sales}
 * @param phone     contact phone, kept as given
 * @param industry  industry, free text
 * @param employees employee count, or null when unknown
 * @param country   country name or ISO code
 * @param notes     free-text notes; treated strictly as data, never as instructions
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Lead(String id, String company, String domain, String website, String firstName, String lastName,
                   String email, String title, String phone, String industry, Long employees, String country,
                   String notes) {

    /** RFC 5322 dot-atom local part, widened by RFC 6531 to any non-ASCII character; the domain in ASCII form. */
    private static final Pattern EMAIL = Pattern.compile(
            "^[a-z0-9!#$%&'*+/=?^_`{|}~\\x{80}-\\x{10FFFF}-]+(?:\\.[a-z0-9!#$%&'*+/=?^_`{|}~\\x{80}-\\x{10FFFF}-]+)*"
                    + "@(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.)+(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$");
    private static final Pattern DOMAIN = Pattern.compile(
            "^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.)+(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$");

    /** Consumer mail domains: an e-mail there says nothing about the company's domain. */
    static final Set<String> FREE_MAIL_DOMAINS = Set.of("gmail.com", "googlemail.com", "yahoo.com", "hotmail.com",
            "outlook.com", "live.com", "icloud.com", "me.com", "aol.com", "proton.me", "protonmail.com", "gmx.com",
            "gmx.de", "web.de", "mail.com", "yandex.com", "zoho.com");

    /** {@return an empty builder (every field null)} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return a new builder holding this lead's values} */
    public Builder toBuilder() {
        return new Builder().id(id).company(company).domain(domain).website(website).firstName(firstName)
                .lastName(lastName).email(email).title(title).phone(phone).industry(industry).employees(employees)
                .country(country).notes(notes);
    }

    /** {@return "First Last", or whichever part is present, or null} */
    @JsonIgnore
    public String fullName() {
        String n = ((firstName == null ? "" : firstName) + " " + (lastName == null ? "" : lastName)).trim();
        return n.isEmpty() ? null : n;
    }

    /**
     * The key that identifies this lead across runs: the e-mail when present, else the domain. Call on a
     * {@link #normalized()} lead.
     *
     * @return the lower-case e-mail, else the domain, or null when the lead has neither
     */
    @JsonIgnore
    public String naturalKey() {
        return email != null ? email : domain;
    }

    /**
     * Validates and normalizes: trims every field (blank becomes null), lower-cases the e-mail and converts its
     * domain to the ASCII (punycode) form used as the CRM key (internationalised addresses are accepted: RFC 6531
     * non-ASCII local parts and IDN domains, e.g. {@code jörg@bücher.de} becomes {@code jörg@xn--bcher-kva.de};
     * plus-addressing such as {@code jane+leads@acme.com} is kept as written), reduces the
     * domain (or, when empty, the website, else the e-mail's domain unless it is a consumer mail domain such as
     * gmail.com) to a bare lower-case host without scheme, {@code www.}, port or path.
     *
     * @return the normalized lead
     * @throws InvalidLeadException listing every problem: a malformed e-mail (with the reason), a malformed domain
     *                              or website, a negative employee count, or neither an e-mail nor company and domain
     */
    public Lead normalized() {
        List<String> problems = new ArrayList<>();
        String e = clean(email);
        if (e != null) {
            e = e.toLowerCase(Locale.ROOT);
            String why = emailProblem(e);
            if (why != null) {
                problems.add("malformed e-mail '" + email.trim() + "': " + why);
                e = null;
            } else {
                int at = e.indexOf('@');
                e = e.substring(0, at + 1) + asciiDomain(e.substring(at + 1));
            }
        }
        String d = null;
        String rawDomain = clean(domain);
        if (rawDomain != null) {
            d = host(rawDomain);
            if (d == null) {
                problems.add("malformed domain '" + rawDomain + "'");
            }
        }
        String w = clean(website);
        if (d == null && rawDomain == null && w != null) {
            d = host(w);
            if (d == null) {
                problems.add("malformed website '" + w + "'");
            }
        }
        if (d == null && e != null && problems.isEmpty()) {
            String mailDomain = e.substring(e.indexOf('@') + 1);
            if (!FREE_MAIL_DOMAINS.contains(mailDomain)) {
                d = mailDomain;
            }
        }
        if (employees != null && employees < 0) {
            problems.add("employees must be >= 0 but was " + employees);
        }
        String c = clean(company);
        if (problems.isEmpty() && e == null && (c == null || d == null)) {
            problems.add(email == null || email.isBlank()
                    ? "needs an e-mail, or a company and a domain"
                    : "needs a valid e-mail, or a company and a domain");
        }
        if (!problems.isEmpty()) {
            throw new InvalidLeadException(problems);
        }
        return new Lead(clean(id), c, d, w, clean(firstName), clean(lastName), e, clean(title), clean(phone),
                clean(industry), employees, clean(country), clean(notes));
    }

    private static String clean(String s) {
        if (s == null) {
            return null;
        }
        String t = s.strip();
        return t.isEmpty() ? null : t;
    }

    /** Why the (lower-cased, trimmed) e-mail is malformed, or null if it is fine. */
    static String emailProblem(String e) {
        int at = e.indexOf('@');
        if (at < 0) {
            return "missing '@'";
        }
        if (e.indexOf('@', at + 1) >= 0) {
            return "more than one '@'";
        }
        if (at == 0) {
            return "empty local part";
        }
        if (e.chars().anyMatch(Character::isWhitespace)) {
            return "contains whitespace";
        }
        String dom = e.substring(at + 1);
        if (dom.isEmpty()) {
            return "empty domain";
        }
        if (!dom.contains(".")) {
            return "domain '" + dom + "' has no top-level domain";
        }
        if (e.contains("..")) {
            return "consecutive dots";
        }
        String ascii = asciiDomain(dom);
        if (ascii == null) {
            return "domain '" + dom + "' is not a valid internationalised domain name";
        }
        if (!EMAIL.matcher(e.substring(0, at + 1) + ascii).matches()) {
            return "not a valid address";
        }
        return null;
    }

    /** Bare lower-case host of a domain or URL, or null if it is not a plausible domain. */
    static String host(String raw) {
        String s = raw.strip().toLowerCase(Locale.ROOT);
        int scheme = s.indexOf("://");
        if (scheme >= 0) {
            s = s.substring(scheme + 3);
        }
        int cut = indexOfAny(s, "/?#");
        if (cut >= 0) {
            s = s.substring(0, cut);
        }
        int userInfo = s.lastIndexOf('@');
        if (userInfo >= 0) {
            s = s.substring(userInfo + 1);
        }
        int port = s.indexOf(':');
        if (port >= 0) {
            s = s.substring(0, port);
        }
        if (s.endsWith(".")) {
            s = s.substring(0, s.length() - 1);
        }
        if (s.startsWith("www.")) {
            s = s.substring(4);
        }
        s = asciiDomain(s);
        return s != null && DOMAIN.matcher(s).matches() ? s : null;
    }

    /**
     * The ASCII (punycode, RFC 3490 ToASCII) form of a domain, lower case: {@code bücher.de} becomes
     * {@code xn--bcher-kva.de}; an ASCII domain is returned as it is. Null if it cannot be converted.
     */
    static String asciiDomain(String domain) {
        if (domain.chars().allMatch(c -> c < 0x80)) {
            return domain;
        }
        try {
            return java.net.IDN.toASCII(domain).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static int indexOfAny(String s, String chars) {
        for (int i = 0; i < s.length(); i++) {
            if (chars.indexOf(s.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }

    /** Mutable builder; {@link #build()} does not validate (use {@link Lead#normalized()}). */
    public static final class Builder {
        private String id;
        private String company;
        private String domain;
        private String website;
        private String firstName;
        private String lastName;
        private String email;
        private String title;
        private String phone;
        private String industry;
        private Long employees;
        private String country;
        private String notes;

        private Builder() {
        }

        /**
         * Sets {@link Lead#id()}.
         *
         * @param v the caller's id for the lead (e.g. {@code row-12}), or null
         * @return this builder
         */
        public Builder id(String v) { this.id = v; return this; }
        /**
         * Sets {@link Lead#company()}.
         *
         * @param v the company name, or null
         * @return this builder
         */
        public Builder company(String v) { this.company = v; return this; }
        /**
         * Sets {@link Lead#domain()}.
         *
         * @param v the company web domain (e.g. {@code acme.com}), or null
         * @return this builder
         */
        public Builder domain(String v) { this.domain = v; return this; }
        /**
         * Sets {@link Lead#website()}.
         *
         * @param v the company website URL, or null
         * @return this builder
         */
        public Builder website(String v) { this.website = v; return this; }
        /**
         * Sets {@link Lead#firstName()}.
         *
         * @param v the contact's first name, or null
         * @return this builder
         */
        public Builder firstName(String v) { this.firstName = v; return this; }
        /**
         * Sets {@link Lead#lastName()}.
         *
         * @param v the contact's last name, or null
         * @return this builder
         */
        public Builder lastName(String v) { this.lastName = v; return this; }
        /**
         * Sets {@link Lead#email()}.
         *
         * @param v the contact's e-mail address, or null
         * @return this builder
         */
        public Builder email(String v) { this.email = v; return this; }
        /**
         * Sets {@link Lead#title()}.
         *
         * @param v the contact's job title (e.g. {@code VP Sales}), or null
         * @return this builder
         */
        public Builder title(String v) { this.title = v; return this; }
        /**
         * Sets {@link Lead#phone()}.
         *
         * @param v the contact's phone number as given, or null
         * @return this builder
         */
        public Builder phone(String v) { this.phone = v; return this; }
        /**
         * Sets {@link Lead#industry()}.
         *
         * @param v the industry, free text, or null
         * @return this builder
         */
        public Builder industry(String v) { this.industry = v; return this; }
        /**
         * Sets {@link Lead#employees()}.
         *
         * @param v the employee count, or null when unknown
         * @return this builder
         */
        public Builder employees(Long v) { this.employees = v; return this; }
        /**
         * Sets {@link Lead#employees()}.
         *
         * @param v the employee count
         * @return this builder
         */
        public Builder employees(long v) { this.employees = v; return this; }
        /**
         * Sets {@link Lead#country()}.
         *
         * @param v the country name or ISO code, or null
         * @return this builder
         */
        public Builder country(String v) { this.country = v; return this; }
        /**
         * Sets {@link Lead#notes()}.
         *
         * @param v free-text notes (treated as data, never as instructions), or null
         * @return this builder
         */
        public Builder notes(String v) { this.notes = v; return this; }

        /**
         * {@return a lead with the values set so far, unvalidated (call {@link Lead#normalized()})}
         */
        public Lead build() {
            return new Lead(id, company, domain, website, firstName, lastName, email, title, phone, industry,
                    employees, country, notes);
        }
    }
}
