/**
 * PII redaction for logs ({@link dev.salesagent.common.redact.PiiRedactor}): e-mail addresses, payment cards, IBANs,
 * US SSNs and phone numbers, shared by the model side and the CRM side without the model stack.
 *
 * <p>Nullness: parameters and return values are non-null unless their Javadoc says {@code null} is allowed or
 * returned; absent values of public accessors are documented as such (null or {@code Optional}).
 */
package dev.salesagent.common.redact;
