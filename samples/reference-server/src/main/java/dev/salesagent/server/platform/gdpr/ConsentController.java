package dev.salesagent.server.platform.gdpr;

import dev.salesagent.server.platform.security.PlatformAuthentication;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.EnumMap;
import java.util.Map;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Consent flags on the signed-in tenant's contacts, by e-mail (current state per purpose and history). */
@RestController
@RequestMapping("/api/v1/consents")
class ConsentController {

    private final ConsentService consents;

    ConsentController(ConsentService consents) {
        this.consents = consents;
    }

    /**
     * Body of {@code PUT /api/v1/consents/{email}}: granted or withdrawn per purpose, and where it was given.
     *
     * @param purposes e.g. {@code {"email_marketing": true, "phone": false}}; purposes are {@code email_marketing},
     *     {@code profiling}, {@code phone}
     * @param source where the person gave or withdrew consent, e.g. {@code web_form}, {@code call}
     */
    record ConsentChange(
            @NotEmpty Map<@Pattern(regexp = "email_marketing|profiling|phone",
                    message = "must be one of email_marketing, profiling, phone") String, @NotNull Boolean> purposes,
            @NotBlank @Size(max = 100) String source) {
    }

    @GetMapping("/{email}")
    @PreAuthorize("hasAuthority('consents:read')")
    Map<String, Object> get(@PathVariable @Email @Size(max = 320) String email) {
        return consents.document(PlatformAuthentication.require().tenantId(), email);
    }

    @PutMapping("/{email}")
    @PreAuthorize("hasAuthority('consents:write')")
    Map<String, Object> put(@PathVariable @Email @Size(max = 320) String email, @Valid @RequestBody ConsentChange body) {
        Map<ConsentPurpose, Boolean> purposes = new EnumMap<>(ConsentPurpose.class);
        body.purposes().forEach((id, granted) -> purposes.put(ConsentPurpose.ofId(id).orElseThrow(), granted));
        return consents.record(PlatformAuthentication.require(), email, purposes, body.source().trim());
    }
}
