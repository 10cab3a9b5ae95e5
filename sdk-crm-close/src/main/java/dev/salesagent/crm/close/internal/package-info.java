/**
 * Implementation of the Close adapter: requests, JSON mapping, error mapping and the opportunity status cache.
 * Not API: types here may change in any release.
 */
package dev.salesagent.crm.close.internal;
