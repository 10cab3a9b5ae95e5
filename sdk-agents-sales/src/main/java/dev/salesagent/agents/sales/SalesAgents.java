package dev.salesagent.agents.sales;

import dev.langchain4j.model.chat.ChatModel;
import dev.salesagent.agents.sales.battlecard.BattleCardWriter;
import dev.salesagent.agents.sales.conversation.ConversationAnalyzer;
import dev.salesagent.agents.sales.followup.FollowUpPlanner;
import dev.salesagent.agents.sales.outreach.OutreachWriter;
import dev.salesagent.agents.sales.proposal.ProposalWriter;
import dev.salesagent.agents.sales.scoring.IdealCustomerProfile;
import dev.salesagent.agents.sales.scoring.LeadScorer;

import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The set of sales agent skills, chosen automatically: the model implementations when a {@link ChatModel} is
 * configured (typically sdk-core's {@code ModelRouter}), the offline rules otherwise. Immutable and thread-safe.
 *
 * <pre>{@code
 * SalesAgents agents = SalesAgents.builder().chatModel(router).profile(icp).seller(seller).build();
 * LeadScore score = agents.scorer().score(lead.normalized(), LeadResearch.none());
 * }</pre>
 */
public final class SalesAgents {

    private final ChatModel chatModel;
    private final ModelOptions options;
    private final LeadScorer scorer;
    private final OutreachWriter outreach;
    private final FollowUpPlanner followUps;
    private final ProposalWriter proposals;
    private final BattleCardWriter battleCards;
    private final ConversationAnalyzer conversations;

    private SalesAgents(Builder b) {
        this.chatModel = b.chatModel;
        this.options = b.options;
        IdealCustomerProfile fallback = b.profile;
        Map<String, IdealCustomerProfile> byTenant = Map.copyOf(b.profilesByTenant);
        if (b.chatModel == null) {
            this.scorer = LeadScorer.rules(t -> byTenant.getOrDefault(t, fallback), b.clock);
            this.outreach = OutreachWriter.rules(b.seller, fallback);
            this.followUps = FollowUpPlanner.rules();
            this.proposals = ProposalWriter.rules(b.seller, fallback);
            this.battleCards = BattleCardWriter.rules(b.seller);
            this.conversations = ConversationAnalyzer.rules();
        } else {
            this.scorer = LeadScorer.model(b.chatModel, b.options, fallback);
            this.outreach = OutreachWriter.model(b.chatModel, b.options, b.seller);
            this.followUps = FollowUpPlanner.model(b.chatModel, b.options);
            this.proposals = ProposalWriter.model(b.chatModel, b.options, b.seller);
            this.battleCards = BattleCardWriter.model(b.chatModel, b.options, b.seller);
            this.conversations = ConversationAnalyzer.model(b.chatModel, b.options);
        }
    }

    /** {@return agents with every skill on rules, the default profile and the default seller} */
    public static SalesAgents rules() {
        return builder().build();
    }

    /** {@return a new builder; without a chat model every skill runs on rules} */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * {@link Method#MODEL} when a chat model is configured, else {@link Method#RULES}.
     *
     * @return how every skill is implemented
     */
    public Method method() {
        return chatModel == null ? Method.RULES : Method.MODEL;
    }

    /** {@return the configured chat model, if any} */
    public Optional<ChatModel> chatModel() {
        return Optional.ofNullable(chatModel);
    }

    /** {@return the options of the model implementations ({@link ModelOptions#defaults()} unless set); unused on rules} */
    public ModelOptions modelOptions() {
        return options;
    }

    /**
     * Leads per scoring call when the lead pipeline scores in batches: {@link ModelOptions#batchSize()} when a chat
     * model is configured, 1 on rules.
     *
     * @return leads per scoring call, 1-50
     */
    public int scoringBatchSize() {
        return chatModel == null ? 1 : options.batchSize();
    }

    /** {@return the lead scorer (feature {@code lead_scoring} when model-backed)} */
    public LeadScorer scorer() { return scorer; }
    /** {@return the outreach writer (feature {@code outreach})} */
    public OutreachWriter outreach() { return outreach; }
    /** {@return the follow-up and nurture planner (feature {@code follow_up})} */
    public FollowUpPlanner followUps() { return followUps; }
    /** {@return the proposal writer (feature {@code proposal})} */
    public ProposalWriter proposals() { return proposals; }
    /** {@return the battle card writer (feature {@code battle_card})} */
    public BattleCardWriter battleCards() { return battleCards; }
    /** {@return the conversation analyzer (feature {@code conversation_analysis})} */
    public ConversationAnalyzer conversations() { return conversations; }

    /** Builder; every setting is optional. */
    public static final class Builder {
        private ChatModel chatModel;
        private ModelOptions options = ModelOptions.defaults();
        private IdealCustomerProfile profile = IdealCustomerProfile.defaults();
        private Map<String, IdealCustomerProfile> profilesByTenant = Map.of();
        private SellerProfile seller = SellerProfile.defaults();
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /**
         * The model for every skill; null (the default) selects the rules implementations.
         *
         * @param chatModel the chat model (e.g. sdk-core's {@code ModelRouter}), or null for rules
         * @return this builder
         */
        public Builder chatModel(ChatModel chatModel) {
            this.chatModel = chatModel;
            return this;
        }

        /**
         * Options of the model implementations; default {@link ModelOptions#defaults()}.
         *
         * @param options the options, not null
         * @return this builder
         */
        public Builder modelOptions(ModelOptions options) {
            this.options = Objects.requireNonNull(options, "options");
            return this;
        }

        /**
         * The ideal customer profile (default {@link IdealCustomerProfile#defaults()}).
         *
         * @param profile the profile used for tenants without their own
         * @return this builder
         */
        public Builder profile(IdealCustomerProfile profile) {
            this.profile = Objects.requireNonNull(profile, "profile");
            return this;
        }

        /**
         * Profiles per {@code AiContext} tenant for the rules scorer; others use {@link #profile}.
         *
         * @param profiles {@code AiContext} tenant id to that tenant's profile
         * @return this builder
         */
        public Builder profilesByTenant(Map<String, IdealCustomerProfile> profiles) {
            this.profilesByTenant = Objects.requireNonNull(profiles, "profiles");
            return this;
        }

        /**
         * Who is selling (default {@link SellerProfile#defaults()}).
         *
         * @param seller the seller's company, product and sender
         * @return this builder
         */
        public Builder seller(SellerProfile seller) {
            this.seller = Objects.requireNonNull(seller, "seller");
            return this;
        }

        /**
         * Clock for "recent activity" in rules scoring; default UTC system clock.
         *
         * @param clock the clock, not null
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** {@return the skills} */
        public SalesAgents build() {
            return new SalesAgents(this);
        }
    }
}
