package dev.salesagent.crm.zoho;

import java.util.Locale;

/**
 * The Zoho data centre an organisation lives in; it fixes both the OAuth accounts server and the API domain. The
 * values are those of Zoho's own Java SDK 8.0 ({@code com.zoho.crm.api.dc.*DataCenter}, production environment) and
 * of Zoho's "Multi DC" guide (<a href="https://www.zoho.com/crm/developer/docs/api/v8/multi-dc.html">docs</a>).
 */
public enum ZohoDataCenter {
    /** United States: {@code accounts.zoho.com}, {@code www.zohoapis.com}. */
    US("https://accounts.zoho.com", "https://www.zohoapis.com"),
    /** Europe: {@code accounts.zoho.eu}, {@code www.zohoapis.eu}. */
    EU("https://accounts.zoho.eu", "https://www.zohoapis.eu"),
    /** India: {@code accounts.zoho.in}, {@code www.zohoapis.in}. */
    IN("https://accounts.zoho.in", "https://www.zohoapis.in"),
    /** Australia: {@code accounts.zoho.com.au}, {@code www.zohoapis.com.au}. */
    AU("https://accounts.zoho.com.au", "https://www.zohoapis.com.au"),
    /** Japan: {@code accounts.zoho.jp}, {@code www.zohoapis.jp}. */
    JP("https://accounts.zoho.jp", "https://www.zohoapis.jp"),
    /** China: {@code accounts.zoho.com.cn}, {@code www.zohoapis.com.cn}. */
    CN("https://accounts.zoho.com.cn", "https://www.zohoapis.com.cn"),
    /** Canada: {@code accounts.zohocloud.ca} (not {@code zoho.ca}), {@code www.zohoapis.ca}. */
    CA("https://accounts.zohocloud.ca", "https://www.zohoapis.ca"),
    /** Saudi Arabia: {@code accounts.zoho.sa}, {@code www.zohoapis.sa}. */
    SA("https://accounts.zoho.sa", "https://www.zohoapis.sa");

    private final String accountsUrl;
    private final String apiDomain;

    ZohoDataCenter(String accountsUrl, String apiDomain) {
        this.accountsUrl = accountsUrl;
        this.apiDomain = apiDomain;
    }

    /** {@return the OAuth accounts server, e.g. {@code https://accounts.zoho.eu}; tokens come from {@code /oauth/v2/token}} */
    public String accountsUrl() {
        return accountsUrl;
    }

    /** {@return the API domain, e.g. {@code https://www.zohoapis.eu} (what the token response calls {@code api_domain})} */
    public String apiDomain() {
        return apiDomain;
    }

    /**
     * The data centre of that name, ignoring case ({@code us}, {@code EU}, ...).
     *
     * @param name the data centre's constant name, e.g. {@code us}, {@code EU} or {@code AU}; surrounding blanks
     *             ignored
     * @return the matching data centre
     * @throws IllegalArgumentException naming the allowed values when {@code name} is none of them (or null)
     */
    public static ZohoDataCenter of(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("unknown Zoho data centre '" + name + "', expected one of "
                    + java.util.Arrays.toString(values()), e);
        }
    }
}
