package dev.salesagent.server.platform.auth;

import dev.salesagent.server.platform.security.PlatformAuthentication;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The signed-in user's own TOTP second factor. */
@RestController
@RequestMapping("/api/v1/me/totp")
class TotpController {

    private final TotpEnrollment enrollment;

    TotpController(TotpEnrollment enrollment) {
        this.enrollment = enrollment;
    }

    /** Body with a one-time code. */
    record Code(@NotBlank String code) {
    }

    @PostMapping
    @PreAuthorize("hasAuthority('profile:write')")
    ResponseEntity<TotpEnrollment.Enrolment> enrol() {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore())
                .body(enrollment.enrol(PlatformAuthentication.require()));
    }

    @PostMapping("/confirm")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @PreAuthorize("hasAuthority('profile:write')")
    void confirm(@Valid @RequestBody Code body) {
        enrollment.confirm(PlatformAuthentication.require(), body.code());
    }

    @PostMapping("/disable")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @PreAuthorize("hasAuthority('profile:write')")
    void disable(@Valid @RequestBody Code body) {
        enrollment.disable(PlatformAuthentication.require(), body.code());
    }
}
