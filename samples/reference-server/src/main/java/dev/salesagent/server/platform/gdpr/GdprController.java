package dev.salesagent.server.platform.gdpr;

import dev.salesagent.server.platform.security.PlatformAuthentication;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import java.util.List;
import java.util.Map;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** GDPR data subject requests of the signed-in tenant. */
@RestController
@RequestMapping("/api/v1/admin/gdpr")
class GdprController {

    private final DataSubjectRequests requests;

    GdprController(DataSubjectRequests requests) {
        this.requests = requests;
    }

    /** Body of {@code POST /api/v1/admin/gdpr/erase}. */
    record Erasure(@NotBlank @Email String email) {
    }

    @GetMapping("/export")
    @PreAuthorize("hasAuthority('gdpr:manage')")
    Map<String, Object> export(@RequestParam String email) {
        return requests.export(PlatformAuthentication.require(), email);
    }

    @PostMapping("/erase")
    @PreAuthorize("hasAuthority('gdpr:manage')")
    Map<String, Object> erase(@Valid @RequestBody Erasure body) {
        return requests.erase(PlatformAuthentication.require(), body.email());
    }

    @GetMapping("/requests")
    @PreAuthorize("hasAuthority('gdpr:manage')")
    List<Map<String, Object>> list() {
        return requests.requests(PlatformAuthentication.require());
    }
}
