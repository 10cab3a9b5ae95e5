package dev.salesagent.crm.spi;

import dev.salesagent.crm.CrmValidationException;
import dev.salesagent.crm.ErrorDetails;
import dev.salesagent.crm.CrmValidationException.FieldError;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The SPI's natural keys and their validation, shared by every provider so that a bad key fails the same way
 * everywhere: a contact is keyed by its e-mail address, an account by its domain (both already normalised to lower
 * case by the records' builders).
 *
 * <p>Errors are {@link CrmValidationException}s with one {@link FieldError}: field {@code email} or {@code domain},
 * code {@code REQUIRED} when missing, {@code INVALID_EMAIL} / {@code INVALID_DOMAIN} when malformed.
 */
public final class NaturalKeys {

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Pattern DOMAIN =
            Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+");

    private NaturalKeys() {
    }

    /**
     * {@return true if {@code value} has the shape of an e-mail address ({@code local@host.tld}, no spaces)}
     *
     * @param value the candidate, already normalised; may be {@code null}
     */
    public static boolean isEmail(String value) {
        return value != null && EMAIL.matcher(value).matches();
    }

    /**
     * {@return true if {@code value} is a lower-case host name with at least two labels (e.g. {@code acme.com})}
     *
     * @param value the candidate, already normalised; may be {@code null}
     */
    public static boolean isDomain(String value) {
        return value != null && DOMAIN.matcher(value).matches();
    }

    /**
     * The problem with a contact's e-mail key, if any.
     *
     * @param email the contact's e-mail, normalised by {@link dev.salesagent.crm.Contact#normalizeEmail(String)}; may
     *     be {@code null}
     * @param details provider id and, where known, HTTP status / vendor code for the exception
     * @return the exception to throw ({@code REQUIRED} or {@code INVALID_EMAIL} on field {@code email}), or empty when
     *     valid
     */
    public static Optional<CrmValidationException> contactEmailProblem(String email, ErrorDetails details) {
        if (email == null) {
            return Optional.of(new CrmValidationException("contact e-mail is required", details,
                    List.of(new FieldError("email", "REQUIRED", "e-mail is required"))));
        }
        if (!isEmail(email)) {
            return Optional.of(new CrmValidationException("contact e-mail is malformed", details,
                    List.of(new FieldError("email", "INVALID_EMAIL", "not an e-mail address: " + email))));
        }
        return Optional.empty();
    }

    /**
     * The problem with an account's domain key, if any.
     *
     * @param domain the account's domain, normalised by {@link dev.salesagent.crm.Account#normalizeDomain(String)}; may
     *     be {@code null}
     * @param details provider id and, where known, HTTP status / vendor code for the exception
     * @return the exception to throw ({@code REQUIRED} or {@code INVALID_DOMAIN} on field {@code domain}), or empty
     *     when valid
     */
    public static Optional<CrmValidationException> accountDomainProblem(String domain, ErrorDetails details) {
        if (domain == null) {
            return Optional.of(new CrmValidationException("account domain is required", details,
                    List.of(new FieldError("domain", "REQUIRED", "domain is required"))));
        }
        if (!isDomain(domain)) {
            return Optional.of(new CrmValidationException("account domain is malformed", details,
                    List.of(new FieldError("domain", "INVALID_DOMAIN", "not a domain: " + domain))));
        }
        return Optional.empty();
    }
}
