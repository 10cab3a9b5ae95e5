package dev.salesagent.quickstart;

/**
 * {@code java -jar quickstart.jar --leads FILE.csv [--crm memory|hubspot|salesforce|netsuite|pipedrive|zoho|close|freshsales] [--out results.jsonl]
 * [--threads N]}. Models from {@code OPENAI_API_KEY} / {@code ANTHROPIC_API_KEY}; CRM credentials from
 * {@code SALESAGENT_CRM_<PROVIDER>_<KEY>} variables. With nothing set: rules and the in-memory CRM.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(Quickstart.run(args, System.getenv(), System.out, System.err));
    }
}
