package dev.salesagent.crm.hubspot.internal.api;

/**
 * {@code PublicGdprDeleteInput} of {@code POST /crm/v3/objects/contacts/gdpr-delete}: the record id of the contact to
 * delete permanently (this adapter never sends {@code idProperty}: it looks the contact up by e-mail first, so that an
 * unknown address is reported as "none" instead of being blocklisted by HubSpot).
 *
 * @param objectId the contact's record id
 */
public record GdprDeleteInput(String objectId) {
}
