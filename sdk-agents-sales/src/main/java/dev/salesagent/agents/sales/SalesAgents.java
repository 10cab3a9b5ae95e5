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

    /** Every skill on rules with default profile and seller. */
    public static SalesAgents rules() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** {@link Method#MODEL} when a chat model is configured, else {@link Method#RULES}. */
    public Method method() {
        return chatModel == null ? Method.RULES : Method.MODEL;
    }

    /** The configured chat model, if any. */
    public Optional<ChatModel> chatModel() {
        return Optional.ofNullable(chatModel);
    }

    /** The options of the model implementations ({@link ModelOptions#defaults()} unless set); unused on rules. */
    public ModelOptions modelOptions() {
        return options;
    }

    /**
     * Leads per scoring call when the lead pipeline scores in batches: {@link ModelOptions#batchSize()} when a chat
     * model is configured, 1 on rules.
     */
    public int scoringBatchSize() {
        return chatModel == null ? 1 : options.batchSize();
    }

    /** Lead scoring (feature {@code lead_scoring} when model-backed). */
    public LeadScorer scorer() { return scorer; }
    /** Outreach drafts (feature {@code outreach}). */
    public OutreachWriter outreach() { return outreach; }
    /** Follow-up and nurture plans (feature {@code follow_up}). */
    public FollowUpPlanner followUps() { return followUps; }
    /** Proposals (feature {@code proposal}). */
    public ProposalWriter proposals() { return proposals; }
    /** Battle cards (feature {@code battle_card}). */
    public BattleCardWriter battleCards() { return battleCards; }
    /** Conversation analysis (feature {@code conversation_analysis}). */
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

        /** The model for every skill; null (the default) selects the rules implementations. */
        public Builder chatModel(ChatModel chatModel) {
            this.chatModel = chatModel;
            return this;
        }

        /** Options of the model implementations; default {@link ModelOptions#defaults()}. */
        public Builder modelOptions(ModelOptions options) {
            this.options = Objects.requireNonNull(options, "options");
            return this;
        }

        /** The ideal customer profile (default {@link IdealCustomerProfile#defaults()}). */
        public Builder profile(IdealCustomerProfile profile) {
            this.profile = Objects.requireNonNull(profile, "profile");
            return this;
        }

        /** Profiles per {@code AiContext} tenant for the rules scorer; others use {@link #profile}. */
        public Builder profilesByTenant(Map<String, IdealCustomerProfile> profiles) {
            this.profilesByTenant = Objects.requireNonNull(profiles, "profiles");
            return this;
        }

        /** Who is selling (default {@link SellerProfile#defaults()}). */
        public Builder seller(SellerProfile seller) {
            this.seller = Objects.requireNonNull(seller, "seller");
            return this;
        }

        /** Clock for "recent activity" in rules scoring; default UTC system clock. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public SalesAgents build() {
            return new SalesAgents(this);
        }
    }
}
