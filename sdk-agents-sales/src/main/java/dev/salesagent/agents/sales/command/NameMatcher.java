package dev.salesagent.agents.sales.command;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Finds catalog names in a question: whole names first (longest wins, case-insensitive, plural-tolerant), then partial
 * mentions (one or two words of a name, e.g. "Disney" for "Walt Disney Co" or "Sean" for every Sean). Words are
 * compared singularized ("chairs" = "chair", "Disney's" = "disney").
 */
final class NameMatcher {

    /** A mention: the words of the question, its token span and the names it may mean (one = resolved). */
    record Match(String mention, int from, int to, List<String> names, boolean exact) {
    }

    private final List<String> names;
    private final List<String[]> tokens = new ArrayList<>();
    private final Map<String, List<Integer>> byFirst = new HashMap<>();
    private final Map<String, List<Integer>> byToken = new HashMap<>();

    NameMatcher(List<String> names) {
        this.names = names;
        for (int i = 0; i < names.size(); i++) {
            String[] t = words(names.get(i));
            tokens.add(t);
            if (t.length > 0) {
                byFirst.computeIfAbsent(t[0], k -> new ArrayList<>()).add(i);
            }
            Set<String> seen = new LinkedHashSet<>();
            for (String w : t) {
                if (seen.add(w)) {
                    byToken.computeIfAbsent(w, k -> new ArrayList<>()).add(i);
                }
            }
        }
    }

    /** Lower-case, singularized words of {@code text}. */
    static String[] words(String text) {
        String[] raw = text.toLowerCase(Locale.ROOT).replace("'s ", " ").replace("’s ", " ")
                .replaceAll("'s$", "").split("[^\\p{L}\\p{N}]+");
        List<String> out = new ArrayList<>(raw.length);
        for (String w : raw) {
            if (!w.isEmpty()) {
                out.add(singular(w));
            }
        }
        return out.toArray(String[]::new);
    }

    static String singular(String w) {
        if (w.length() > 4 && w.endsWith("ies")) {
            return w.substring(0, w.length() - 3) + "y";
        }
        if (w.length() > 4 && (w.endsWith("ses") || w.endsWith("xes") || w.endsWith("ches") || w.endsWith("shes"))) {
            return w.substring(0, w.length() - 2);
        }
        if (w.length() > 3 && w.endsWith("s") && !w.endsWith("ss") && !w.endsWith("us") && !w.endsWith("is")) {
            return w.substring(0, w.length() - 1);
        }
        return w;
    }

    /** Whole-name matches in {@code q} (question words), longest first, not overlapping {@code used}. */
    List<Match> exact(String[] q, boolean[] used) {
        List<Match> out = new ArrayList<>();
        for (int i = 0; i < q.length; i++) {
            List<Integer> cands = byFirst.get(q[i]);
            if (cands == null || used[i]) {
                continue;
            }
            int bestLen = 0;
            Set<String> best = new LinkedHashSet<>();
            for (int c : cands) {
                String[] t = tokens.get(c);
                if (t.length >= bestLen && i + t.length <= q.length && matchesAt(q, i, t, used)) {
                    if (t.length > bestLen) {
                        best.clear();
                        bestLen = t.length;
                    }
                    best.add(names.get(c));
                }
            }
            if (bestLen > 0) {
                out.add(new Match(String.join(" ", java.util.Arrays.copyOfRange(q, i, i + bestLen)), i, i + bestLen,
                        List.copyOf(best), true));
                for (int k = i; k < i + bestLen; k++) {
                    used[k] = true;
                }
                i += bestLen - 1;
            }
        }
        return out;
    }

    /**
     * Partial mentions: a run of one or two words (not stop words, not {@code used}, starting where {@code allowed})
     * all occurring in the same names, in order. Two-word runs are tried first.
     */
    List<Match> partial(String[] q, boolean[] used, Set<String> stopWords, int maxCandidates,
                        java.util.function.IntPredicate allowed) {
        List<Match> out = new ArrayList<>();
        for (int i = 0; i < q.length; i++) {
            if (used[i] || !usable(q[i], stopWords) || !allowed.test(i)) {
                continue;
            }
            List<Integer> one = byToken.getOrDefault(q[i], List.of());
            if (one.isEmpty()) {
                continue;
            }
            int len = 1;
            List<Integer> cands = one;
            if (i + 1 < q.length && !used[i + 1] && usable(q[i + 1], stopWords)) {
                List<Integer> two = new ArrayList<>();
                for (int c : one) {
                    if (containsRun(tokens.get(c), q[i], q[i + 1])) {
                        two.add(c);
                    }
                }
                if (!two.isEmpty()) {
                    cands = two;
                    len = 2;
                }
            }
            if (cands.size() > maxCandidates) {
                continue;
            }
            List<String> found = new ArrayList<>(new LinkedHashSet<>(cands.stream().map(names::get).toList()));
            out.add(new Match(String.join(" ", java.util.Arrays.copyOfRange(q, i, i + len)), i, i + len, found,
                    false));
            for (int k = i; k < i + len; k++) {
                used[k] = true;
            }
            i += len - 1;
        }
        return out;
    }

    private static boolean usable(String w, Set<String> stopWords) {
        return w.length() >= 3 && !stopWords.contains(w) && !w.chars().allMatch(Character::isDigit);
    }

    private static boolean containsRun(String[] t, String a, String b) {
        for (int k = 0; k + 1 < t.length; k++) {
            if (t[k].equals(a) && t[k + 1].equals(b)) {
                return true;
            }
        }
        return false;
    }

    private static boolean matchesAt(String[] q, int i, String[] t, boolean[] used) {
        for (int k = 0; k < t.length; k++) {
            if (used[i + k] || !q[i + k].equals(t[k])) {
                return false;
            }
        }
        return true;
    }
}
