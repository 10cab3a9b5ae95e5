package dev.salesagent.server.platform.user;

import dev.salesagent.server.platform.web.PlatformException;
import java.security.SecureRandom;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Password rules and hashing through Spring Security's delegating encoder (bcrypt, hashes prefixed {@code {bcrypt}}
 * so the algorithm can be upgraded later), plus generated passwords for seeded and platform-created owners.
 */
@Component
public class Passwords {

    /** Shortest accepted password, in characters (NIST SP 800-63B asks for at least 8). */
    public static final int MIN_LENGTH = 10;
    /** Longest accepted password, in characters (bcrypt reads 72 bytes). */
    public static final int MAX_LENGTH = 72;

    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    private final PasswordEncoder encoder;
    private final SecureRandom random = new SecureRandom();
    private final String dummyHash;

    Passwords(PasswordEncoder encoder) {
        this.encoder = encoder;
        this.dummyHash = encoder.encode(generate());
    }

    /**
     * Checks the rules and hashes.
     *
     * @throws PlatformException (400) when the password is too short or too long
     */
    public String hash(String password) {
        if (password == null || password.length() < MIN_LENGTH || password.length() > MAX_LENGTH) {
            throw PlatformException.badRequest("password must have " + MIN_LENGTH + " to " + MAX_LENGTH + " characters");
        }
        return encoder.encode(password);
    }

    /** Whether a password matches a stored hash; a null hash (SSO-only user) never matches. */
    public boolean matches(String password, String hash) {
        if (hash == null) {
            encoder.matches(password == null ? "" : password, dummyHash); // same work as a real check
            return false;
        }
        return password != null && encoder.matches(password, hash);
    }

    /** Spends the time of a real check, for unknown e-mails (no user enumeration by timing). */
    public void burn(String password) {
        encoder.matches(password == null ? "" : password, dummyHash);
    }

    /** A random 20-character password. */
    public String generate() {
        StringBuilder s = new StringBuilder(20);
        for (int i = 0; i < 20; i++) {
            s.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return s.toString();
    }
}
