package dev.salesagent.server.agentplatform.seed;

import java.math.BigInteger;
import java.util.Comparator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.maven.artifact.versioning.ComparableVersion;

/**
 * Version orderings of the ecosystems the security assistant scans, as the
 * <a href="https://ossf.github.io/osv-schema/#affectedranges-field">OSV schema</a> defines {@code ECOSYSTEM} ranges:
 * <ul>
 *   <li>{@code Maven}: Maven's own ordering, {@link ComparableVersion} from {@code maven-artifact} (the reference
 *       implementation OSV names), so {@code 2.12.6.1 > 2.12.6} and {@code 5.2.20.RELEASE == 5.2.20};</li>
 *   <li>{@code npm}: <a href="https://semver.org/#spec-item-11">SemVer 2.0.0 precedence</a> (pre-releases before
 *       their release, build metadata ignored).</li>
 * </ul>
 * OSV's {@code introduced: "0"} sorts before every version in both.
 */
public final class VersionOrder {

    private static final Pattern SEMVER = Pattern.compile(
            "^v?(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)(?:-([0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*))?"
                    + "(?:\\+[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*)?$");

    private VersionOrder() {
    }

    /**
     * {@return the ordering of an OSV ecosystem}
     *
     * @param ecosystem {@code Maven} or {@code npm}
     * @throws IllegalArgumentException for any other ecosystem
     */
    public static Comparator<String> of(String ecosystem) {
        return switch (ecosystem) {
            case "Maven" -> VersionOrder::compareMaven;
            case "npm" -> VersionOrder::compareSemver;
            default -> throw new IllegalArgumentException("no version ordering for ecosystem '" + ecosystem
                    + "' (supported: Maven, npm)");
        };
    }

    /**
     * {@return Maven's order of two versions (negative, zero, positive)}
     *
     * @param a a version
     * @param b another version
     */
    public static int compareMaven(String a, String b) {
        if (a.equals(b)) {
            return 0;
        }
        if ("0".equals(a) || "0".equals(b)) {
            return "0".equals(a) ? -1 : 1;
        }
        return new ComparableVersion(a).compareTo(new ComparableVersion(b));
    }

    /** {@return whether a version is valid SemVer 2.0.0 (a leading {@code v} allowed, as npm allows it)} */
    static boolean isSemver(String version) {
        return SEMVER.matcher(version).matches();
    }

    /**
     * {@return SemVer precedence of two versions (negative, zero, positive)}
     *
     * @param a a version
     * @param b another version
     * @throws IllegalArgumentException if either is not SemVer (OSV's {@code "0"} excepted)
     */
    public static int compareSemver(String a, String b) {
        if ("0".equals(a) || "0".equals(b)) {
            return "0".equals(a) && "0".equals(b) ? 0 : "0".equals(a) ? -1 : 1;
        }
        Matcher x = semver(a);
        Matcher y = semver(b);
        for (int i = 1; i <= 3; i++) {
            int c = new BigInteger(x.group(i)).compareTo(new BigInteger(y.group(i)));
            if (c != 0) {
                return c;
            }
        }
        String pa = x.group(4);
        String pb = y.group(4);
        if (pa == null || pb == null) {
            return pa == null ? (pb == null ? 0 : 1) : -1;
        }
        String[] ia = pa.split("\\.");
        String[] ib = pb.split("\\.");
        for (int i = 0; i < Math.min(ia.length, ib.length); i++) {
            boolean na = ia[i].chars().allMatch(Character::isDigit);
            boolean nb = ib[i].chars().allMatch(Character::isDigit);
            int c;
            if (na && nb) {
                c = new BigInteger(ia[i]).compareTo(new BigInteger(ib[i]));
            } else if (na || nb) {
                c = na ? -1 : 1;
            } else {
                c = ia[i].compareTo(ib[i]);
            }
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(ia.length, ib.length);
    }

    private static Matcher semver(String version) {
        Matcher m = SEMVER.matcher(version);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + version + "' is not a SemVer 2.0.0 version");
        }
        return m;
    }
}
