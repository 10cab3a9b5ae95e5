package dev.salesagent.quickstart;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Command-line options.
 *
 * @param leads   the CSV file
 * @param crm     CRM provider id (default {@code memory})
 * @param out     JSONL output (default {@code results.jsonl})
 * @param threads    leads analyzed in parallel (default 4)
 * @param maxCostUsd USD limit for the model calls of the whole run, or null for none (default)
 * @param scoreBatch leads per scoring call with a model (default 1: each lead scored on its own; 2-50 batches)
 */
record Options(Path leads, String crm, Path out, int threads, BigDecimal maxCostUsd, int scoreBatch) {

    static final Set<String> CRMS = Set.of("memory", "hubspot", "salesforce", "netsuite");
    static final String USAGE = "usage: java -jar quickstart.jar --leads FILE.csv [--crm memory|hubspot|salesforce|netsuite]"
            + " [--out results.jsonl] [--threads N] [--max-cost USD] [--score-batch N]";

    /** A bad command line; the message says what is wrong. */
    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }

    /** @throws UsageException naming the bad or missing argument */
    static Options parse(String[] args) {
        Path leads = null;
        String crm = "memory";
        Path out = Path.of("results.jsonl");
        int threads = 4;
        BigDecimal maxCostUsd = null;
        int scoreBatch = 1;
        List<String> a = List.of(args);
        for (int i = 0; i < a.size(); i++) {
            String arg = a.get(i);
            String name = arg;
            String value = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                name = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            }
            if (name.equals("--help") || name.equals("-h")) {
                throw new UsageException(USAGE);
            }
            if (!Set.of("--leads", "--crm", "--out", "--threads", "--max-cost", "--score-batch").contains(name)) {
                throw new UsageException("unknown argument '" + arg + "'\n" + USAGE);
            }
            if (value == null) {
                if (i + 1 >= a.size()) {
                    throw new UsageException(name + " needs a value\n" + USAGE);
                }
                value = a.get(++i);
            }
            switch (name) {
                case "--leads" -> leads = Path.of(value);
                case "--crm" -> {
                    crm = value.toLowerCase(Locale.ROOT);
                    if (!CRMS.contains(crm)) {
                        throw new UsageException("--crm must be one of memory, hubspot, salesforce, netsuite but was '"
                                + value + "'");
                    }
                }
                case "--out" -> out = Path.of(value);
                case "--max-cost" -> {
                    try {
                        maxCostUsd = new BigDecimal(value);
                    } catch (NumberFormatException e) {
                        maxCostUsd = BigDecimal.ONE.negate();
                    }
                    if (maxCostUsd.signum() < 0) {
                        throw new UsageException("--max-cost must be an amount in USD >= 0 but was '" + value + "'");
                    }
                }
                case "--score-batch" -> {
                    scoreBatch = intOrZero(value);
                    if (scoreBatch < 1 || scoreBatch > 50) {
                        throw new UsageException("--score-batch must be a number from 1 to 50 but was '" + value + "'");
                    }
                }
                default -> {
                    threads = intOrZero(value);
                    if (threads < 1 || threads > 64) {
                        throw new UsageException("--threads must be a number from 1 to 64 but was '" + value + "'");
                    }
                }
            }
        }
        if (leads == null) {
            throw new UsageException("--leads is required\n" + USAGE);
        }
        return new Options(leads, crm, out, threads, maxCostUsd, scoreBatch);
    }

    private static int intOrZero(String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
