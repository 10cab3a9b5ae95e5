package dev.salesagent.server.platform.gdpr;

import dev.salesagent.server.platform.security.PlatformAuthentication;
import dev.salesagent.server.platform.web.PlatformException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.EnumMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
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

    private static final java.util.regex.Pattern EMAIL = java.util.regex.Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

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
    Map<String, Object> get(@PathVariable String email) {
        return consents.document(PlatformAuthentication.require().tenantId(), requireEmail(email));
    }

    @PutMapping("/{email}")
    @PreAuthorize("hasAuthority('consents:write')")
    Map<String, Object> put(@PathVariable String email, @Valid @RequestBody ConsentChange body) {
        String subject = requireEmail(email);
        Map<ConsentPurpose, Boolean> purposes = new EnumMap<>(ConsentPurpose.class);
        body.purposes().forEach((id, granted) -> purposes.put(ConsentPurpose.ofId(id).orElseThrow(), granted));
        return consents.record(PlatformAuthentication.require(), subject, purposes, body.source().trim());
    }

    /**
     * Checks the path's e-mail here rather than with a constraint on the parameter: a parameter constraint would turn
     * the body's field errors into method-validation errors named after the parameter instead of the field.
     */
    private static String requireEmail(String email) {
        if (email.length() > 320 || !EMAIL.matcher(email).matches()) {
            throw new PlatformException(HttpStatus.BAD_REQUEST, "validation", "Invalid request",
                    "the path must end in an e-mail address");
        }
        return email;
    }
}
