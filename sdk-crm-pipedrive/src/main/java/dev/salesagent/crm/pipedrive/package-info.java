/**
 * The Pipedrive adapter's public facade: {@link dev.salesagent.crm.pipedrive.PipedriveCrmClient} (built from
 * {@link dev.salesagent.crm.pipedrive.PipedriveConfig} with {@code builder(config).options(options)}) and the
 * {@code pipedrive} provider.
 *
 * <p><b>Nullness.</b> Parameters and return values are non-null unless documented otherwise; a value that may be
 * absent is returned as {@link java.util.Optional} or documented as {@code null} on the method.
 */
package dev.salesagent.crm.pipedrive;
