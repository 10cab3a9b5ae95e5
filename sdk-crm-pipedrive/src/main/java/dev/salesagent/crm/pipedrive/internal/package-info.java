/**
 * Implementation of the Pipedrive adapter (operations per capability, error mapping). Not API: may change in any
 * release.
 */
package dev.salesagent.crm.pipedrive.internal;
