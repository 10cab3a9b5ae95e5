package dev.salesagent.quickstart;

import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Command-line options.
 *
 * @param leads        the CSV file
 * @param crm          CRM provider id (default {@code memory})
 * @param out          JSONL output (default {@code results.jsonl})
 * @param threads      leads analyzed in parallel (default 4)
 * @param maxCostUsd   USD limit for the model calls of the whole run, or null for none (default)
 * @param scoreBatch   leads per scoring call with a model (default 1: each lead scored on its own; 2-50 batches)
 * @param delimiter    the CSV delimiter, or null to detect it from the header
 * @param encoding     the file's charset, or null for UTF-8 (a UTF-8 byte order mark is always honoured)
 * @param mappings     {@code --map column=field} entries in order
 * @param resume       continue an interrupted run from its last completed chunk
 * @param chunkSize    leads per chunk: read, processed, synced and written together (default 1,000)
 * @param icp          ideal customer profile file (JSON or YAML), or null for the default profile
 * @param noFallback   with a model: a lead whose model calls fail is reported as failed instead of scored on rules
 * @param modelTimeout per model call (default 60 s)
 * @param modelRetries retries per model call after the first attempt (default 2)
 * @param help         print the help and exit
 * @param printIcp     print the ideal customer profile in use (default or {@code --icp}) and exit
 */
record Options(Path leads, String crm, Path out, int threads, BigDecimal maxCostUsd, int scoreBatch,
               Character delimiter, Charset encoding, Map<String, String> mappings, boolean resume, int chunkSize,
               Path icp, boolean noFallback, Duration modelTimeout, int modelRetries, boolean help,
               boolean printIcp) {

    static final Set<String> CRMS = Set.of("memory", "hubspot", "salesforce", "netsuite", "pipedrive", "zoho", "close",
            "freshsales");
    static final String USAGE = "usage: java -jar quickstart.jar --leads FILE.csv [--out results.jsonl] [--crm PROVIDER]"
            + " [options]; --help lists every option";
    private static final Set<String> FLAGS = Set.of("--resume", "--no-fallback", "--help", "-h", "--print-icp");
    private static final Set<String> WITH_VALUE = Set.of("--leads", "--crm", "--out", "--threads", "--max-cost",
            "--score-batch", "--delimiter", "--encoding", "--map", "--chunk-size", "--icp", "--model-timeout",
            "--model-retries");

    /** The full help: options, environment, input format, exit codes. */
    static final String HELP = """
            Sales Agent SDK quickstart: scores a leads CSV with the lead pipeline and writes one JSON line per row.

            usage: java -jar quickstart.jar --leads FILE.csv [options]

            Options:
              --leads FILE.csv        the leads file (required)
              --out FILE.jsonl        output, one JSON object per data row in row order (default results.jsonl);
                                      written to FILE.jsonl.partial and moved into place when the run completes
              --crm PROVIDER          memory | hubspot | salesforce | netsuite | pipedrive | zoho | close | freshsales
                                      (default memory: an in-memory sandbox that starts empty on every run)
              --threads N             leads analyzed in parallel, 1-64 (default 4)
              --chunk-size N          leads read, processed, synced and written together, 10-100000 (default 1000);
                                      memory use grows with the chunk, not with the file
              --resume                continue an interrupted run with the same --out from its last completed chunk
                                      (rows already written are not processed or synced again)
              --delimiter C           , or ; or tab or | (default: detected from the header line)
              --encoding NAME         the file's charset, e.g. windows-1252, ISO-8859-1 (default UTF-8; a UTF-8
                                      byte order mark is always honoured)
              --map COLUMN=FIELD      read a column as one of our fields (repeatable), e.g. --map "Mobil=phone";
                                      FIELD is one of company, domain, website, first_name, last_name, full_name,
                                      email, title, phone, industry, employees, country, notes, or ignore
              --icp FILE              ideal customer profile to score against (JSON, or YAML for .yml/.yaml)
              --print-icp             print the profile in use (the default, or --icp FILE) as JSON and exit;
                                      a fact a row does not state (no title, employee count, industry, notes)
                                      counts as neutral, and the reasons name it with the lead's confidence
              --score-batch N         with a model: leads per scoring call, 1-50 (default 1)
              --max-cost USD          with a model: USD limit for the whole run (default none)
              --model-timeout DUR     with a model: timeout per call, e.g. 30s, 2m, 1500ms (default 60s)
              --model-retries N       with a model: retries per call after the first attempt, 0-10 (default 2)
              --no-fallback           with a model: report a lead whose model calls failed (after the retries) as
                                      failed instead of scoring it on the rules (default: fall back; the line then
                                      has method "rules" and "fallbackReason")
                                      With a model, a line may also have "corrections" (model scores moved to
                                      agree with the row's facts) and "tokensEstimated": true (the provider
                                      reported no usage; tokens and cost are estimates)
              -h, --help              this help

            Environment:
              OPENAI_API_KEY          use an OpenAI model (OPENAI_MODEL, default gpt-4o-mini; OPENAI_BASE_URL)
              ANTHROPIC_API_KEY       use an Anthropic model (ANTHROPIC_MODEL, default claude-haiku-4-5;
                                      ANTHROPIC_BASE_URL); with both keys the router fails over between them
              SALESAGENT_CRM_<PROVIDER>_<KEY>
                                      CRM adapter settings, e.g. SALESAGENT_CRM_HUBSPOT_ACCESS_TOKEN,
                                      SALESAGENT_CRM_SALESFORCE_CLIENT_ID (upper snake case of the config key)
              With no model key every skill runs on rules; with no --crm the in-memory sandbox is used.

            Input: a CSV file with a header line, UTF-8 (with or without BOM) unless --encoding is given; comma,
            semicolon or tab delimited (detected). A row needs an e-mail, or a company with a domain or website.
            Accepted headers (case, spaces, hyphens, underscores and punctuation ignored), for example:
              email: Email, E-mail, Email Address, Work Email      title: Title, Job Title, Position
              first_name / last_name: First Name, Last Name       full_name: Full Name, Contact Name
              company: Company, Company Name, Account Name, Organization, Associated Company
              domain: Domain, Company Domain Name                 website: Website, Website URL, URL
              phone: Phone, Phone Number, Mobile Phone            industry: Industry
              employees: Employees, Number of Employees, No. of Employees, Company Size
              country: Country, Country/Region, Mailing Country  notes: Notes, Description, Comments
            Other columns are ignored and listed in the summary. Row numbers are line numbers (header = row 1).

            Exit codes:
              0  done: every row was read (rows with invalid values are listed and written with their reason)
              1  the pipeline or the CRM failed; the output is not moved into place (rerun with --resume)
              2  bad command line, input file, header, profile, output path or CRM configuration; nothing processed
              3  some rows could not be read (malformed CSV) or the file is not valid in its encoding (then nothing
                 was processed); the readable rows were processed and written
              4  every lead failed (none could be scored)
            """;

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
        Character delimiter = null;
        Charset encoding = null;
        Map<String, String> mappings = new LinkedHashMap<>();
        boolean resume = false;
        int chunkSize = 1000;
        Path icp = null;
        Duration modelTimeout = Duration.ofSeconds(60);
        int modelRetries = 2;
        boolean help = false;
        boolean noFallback = false;
        boolean printIcp = false;
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
            if (FLAGS.contains(name)) {
                if (value != null) {
                    throw new UsageException(name + " takes no value\n" + USAGE);
                }
                switch (name) {
                    case "--resume" -> resume = true;
                    case "--no-fallback" -> noFallback = true;
                    case "--print-icp" -> printIcp = true;
                    default -> help = true;
                }
                continue;
            }
            if (!WITH_VALUE.contains(name)) {
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
                        throw new UsageException("--crm must be one of memory, hubspot, salesforce, netsuite, pipedrive, zoho, close, freshsales but was '"
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
                case "--score-batch" -> scoreBatch = range(name, value, 1, 50);
                case "--threads" -> threads = range(name, value, 1, 64);
                case "--chunk-size" -> chunkSize = range(name, value, 10, 100_000);
                case "--model-retries" -> modelRetries = range(name, value, 0, 10);
                case "--delimiter" -> delimiter = delimiter(value);
                case "--encoding" -> {
                    try {
                        encoding = Charset.forName(value);
                    } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
                        throw new UsageException("--encoding: unknown charset '" + value
                                + "'; e.g. UTF-8, windows-1252, ISO-8859-1, ISO-8859-15");
                    }
                }
                case "--map" -> {
                    int at = value.lastIndexOf('=');
                    if (at <= 0 || at == value.length() - 1) {
                        throw new UsageException("--map needs COLUMN=FIELD, e.g. --map \"Mobil=phone\", but was '"
                                + value + "'");
                    }
                    mappings.put(value.substring(0, at), value.substring(at + 1));
                }
                case "--icp" -> icp = Path.of(value);
                case "--model-timeout" -> modelTimeout = duration(value);
                default -> throw new IllegalStateException(name);
            }
        }
        if (leads == null && !help && !printIcp) {
            throw new UsageException("--leads is required\n" + USAGE);
        }
        return new Options(leads, crm, out, threads, maxCostUsd, scoreBatch, delimiter, encoding, Map.copyOf(mappings),
                resume, chunkSize, icp, noFallback, modelTimeout, modelRetries, help, printIcp);
    }

    private static Character delimiter(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case ",", "comma" -> ',';
            case ";", "semicolon" -> ';';
            case "tab", "\\t", "\t" -> '\t';
            case "|", "pipe" -> '|';
            default -> throw new UsageException("--delimiter must be , or ; or tab or | but was '" + value + "'");
        };
    }

    private static Duration duration(String value) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d{1,9})(ms|s|m)").matcher(value.strip());
        if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
            throw new UsageException("--model-timeout must be a positive duration such as 30s, 2m or 1500ms but was '"
                    + value + "'");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            default -> Duration.ofMinutes(n);
        };
    }

    private static int range(String name, String value, int min, int max) {
        int n;
        try {
            n = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            n = min - 1;
        }
        if (n < min || n > max) {
            throw new UsageException(name + " must be a number from " + min + " to " + max + " but was '" + value + "'");
        }
        return n;
    }
}
