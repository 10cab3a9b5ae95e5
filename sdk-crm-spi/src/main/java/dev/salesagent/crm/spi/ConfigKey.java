package dev.salesagent.crm.spi;

import java.util.Objects;

/**
 * One configuration key of a provider.
 *
 * @param name         the key in lower camel case, e.g. {@code accessToken} (environment: {@code ACCESS_TOKEN})
 * @param required     whether a value must be present
 * @param secret       whether the value is a credential ({@link CrmConfig#toString()} masks it)
 * @param description  one sentence for humans, with units and default
 * @param defaultValue the value used when absent, as a string, or {@code null}
 */
public record ConfigKey(String name, boolean required, boolean secret, String description, String defaultValue) {

    /**
     * Checks the components.
     *
     * @param name the key in lower camel case, e.g. {@code accessToken} (environment: {@code ACCESS_TOKEN})
     * @param required whether a value must be present
     * @param secret whether the value is a credential ({@link CrmConfig#toString()} masks it)
     * @param description one sentence for humans, with units and default
     * @param defaultValue the value used when absent, as a string, or {@code null}
     * @throws NullPointerException if {@code name} or {@code description} is null
     * @throws IllegalArgumentException if a required key has a default value
     */
    public ConfigKey {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        if (required && defaultValue != null) {
            throw new IllegalArgumentException("a required key has no default: " + name);
        }
    }

    /**
     * {@return a required, non-secret key}
     *
     * @param name the key in lower camel case, e.g. {@code portalId}
     * @param description one sentence for humans, with units
     */
    public static ConfigKey required(String name, String description) {
        return new ConfigKey(name, true, false, description, null);
    }

    /**
     * {@return an optional, non-secret key with a default ({@code null} allowed)}
     *
     * @param name the key in lower camel case, e.g. {@code readTimeout}
     * @param description one sentence for humans, with units
     * @param defaultValue the value used when absent, as a string (e.g. {@code 30s}), or {@code null}
     */
    public static ConfigKey optional(String name, String description, String defaultValue) {
        return new ConfigKey(name, false, false, description, defaultValue);
    }

    /**
     * {@return a required secret (token, password, private key)}
     *
     * @param name the key in lower camel case, e.g. {@code accessToken}
     * @param description one sentence for humans, e.g. where the credential comes from
     */
    public static ConfigKey secret(String name, String description) {
        return new ConfigKey(name, true, true, description, null);
    }

    /**
     * {@return an optional secret (e.g. a refresh token used only by one auth mode)}
     *
     * @param name the key in lower camel case, e.g. {@code refreshToken}
     * @param description one sentence for humans, e.g. which auth mode needs it
     */
    public static ConfigKey optionalSecret(String name, String description) {
        return new ConfigKey(name, false, true, description, null);
    }
}
