/**
 * Zoho CRM adapter (provider id {@code zoho}): contacts, accounts, notes, deals (opportunities) and products through
 * the Zoho CRM REST API v8 (<a href="https://www.zoho.com/crm/developer/docs/api/v8/">docs</a>), authenticated with
 * OAuth 2.0 refresh tokens against the data centre's accounts server.
 *
 * <p>Nullness as in {@code dev.salesagent.crm}: absent values are {@code null}, lists and maps never are.
 */
package dev.salesagent.crm.zoho;
