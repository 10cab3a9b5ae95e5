package dev.salesagent.server.platform;

/** Valid request bodies of the workspace content endpoints, for the endpoint walks and the content tests. */
public final class ContentBodies {

    /** {@code POST /api/v1/proposals/generate}: 120,000 USD over 24 months. */
    public static final String PROPOSAL = """
            {"lead":{"company":"Acme Robotics","domain":"acme-robotics.com","first_name":"Dana","last_name":"Reyes",
             "email":"dana.reyes@acme-robotics.com","title":"VP Sales","industry":"Manufacturing","employees":850},
             "deal_size_usd":"120000","term_months":24,"start_date":"2027-01-11",
             "facts":["Acme Robotics opened a second plant in Ohio in 2026"]}""";

    /** {@code POST /api/v1/battlecards}. */
    public static final String BATTLE_CARD = """
            {"competitor":"Globex CRM","source_notes":["Globex charges per seat and per module",
             "Lost two deals to Globex on price in Q3","Globex has no native HubSpot sync"]}""";

    /** {@code PATCH /api/v1/battlecards/{id}}. */
    public static final String BATTLE_CARD_EDIT = """
            {"our_strengths":["Native HubSpot and Salesforce sync"],"their_weaknesses":["Per-module pricing"],
             "pricing_comparison":["Flat price per team"],"differentiators":["Rules fallback without a model"],
             "objections":[{"objection":"Globex is cheaper","response":"Count the modules you need"}]}""";

    /** {@code POST /api/v1/conversations/analyze}. */
    public static final String CONVERSATION = """
            {"kind":"call","transcript":"Rep: Thanks for joining, how is the pipeline review going?\\nDana: Honestly the price is too high for us this quarter.\\nRep: Understood. Could we start with one team?\\nDana: Maybe. Send me a proposal by Friday."}""";

    /** {@code POST /api/v1/outreach/drafts}. */
    public static final String OUTREACH = """
            {"lead":{"company":"Acme Robotics","first_name":"Dana","last_name":"Reyes",
             "email":"dana.reyes@acme-robotics.com","title":"VP Sales","industry":"Manufacturing","employees":850},
             "facts":["Acme Robotics opened a second plant in Ohio in 2026"]}""";

    private ContentBodies() {
    }
}
