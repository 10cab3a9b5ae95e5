/**
 * Conversation analysis of calls, e-mail threads and meetings:
 * {@link dev.salesagent.agents.sales.conversation.ConversationAnalyzer} (entry point; {@code rules()},
 * {@code model(...)}), input {@link dev.salesagent.agents.sales.conversation.Transcript} and result
 * {@link dev.salesagent.agents.sales.conversation.ConversationAnalysis}.
 *
 * <p>Nullness: parameters and return values are non-null unless their Javadoc says "or null"; record
 * components documented as "or null" (or typed {@code Integer}, {@code Long}, {@code Boolean}, {@code BigDecimal}
 * where a value may be unknown) may be null; lists are never null (empty instead); optional values of a service are
 * returned as {@link java.util.Optional}.
 */
package dev.salesagent.agents.sales.conversation;
