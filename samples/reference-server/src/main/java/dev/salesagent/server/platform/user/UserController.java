package dev.salesagent.server.platform.user;

import dev.salesagent.server.platform.security.PlatformAuthentication;
import dev.salesagent.server.platform.security.Role;
import dev.salesagent.server.platform.web.Cursors;
import dev.salesagent.server.platform.web.Page;
import dev.salesagent.server.platform.web.PlatformException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Users of the signed-in tenant. */
@RestController
@RequestMapping("/api/v1/users")
class UserController {

    private final UserService service;

    UserController(UserService service) {
        this.service = service;
    }

    /** A user as the API shows it (no password hash, ever). */
    record UserView(UUID id, String email, String displayName, List<String> roles, String status, String territory,
                    Instant createdAt, Instant updatedAt) {
        static UserView of(User u) {
            return new UserView(u.id(), u.email(), u.displayName(), u.roles().stream().map(Role::id).sorted().toList(),
                    u.status(), u.territory(), u.createdAt(), u.updatedAt());
        }
    }

    /** Body of {@code POST /api/v1/users}. */
    record CreateUser(@NotBlank @Email @Size(max = 254) String email,
                      @Size(max = 200) String displayName,
                      @NotEmpty List<@NotBlank String> roles,
                      @NotBlank @Size(min = Passwords.MIN_LENGTH, max = Passwords.MAX_LENGTH) String password,
                      @Size(max = 100) String territory) {
    }

    /** Body of {@code PATCH /api/v1/users/{id}}; absent fields stay. */
    record UpdateUser(@Size(max = 200) String displayName, List<@NotBlank String> roles,
                      String status, @Size(max = 100) String territory,
                      @Size(min = Passwords.MIN_LENGTH, max = Passwords.MAX_LENGTH) String password) {
    }

    @GetMapping
    @PreAuthorize("hasAuthority('users:read')")
    Page<UserView> list(@RequestParam(required = false) String role, @RequestParam(required = false) String status,
                        @RequestParam(required = false) String q, @RequestParam(required = false) String cursor,
                        @RequestParam(required = false) Integer limit) {
        int size = Page.limit(limit);
        Role roleFilter = role == null ? null : Role.ofId(role)
                .orElseThrow(() -> PlatformException.badRequest("unknown role " + role));
        List<User> rows = service.list(PlatformAuthentication.require(), roleFilter, status, q, cursor, size + 1);
        String next = rows.size() > size ? Cursors.encode(rows.get(size - 1).createdAt(), rows.get(size - 1).id()) : null;
        return new Page<>(rows.stream().limit(size).map(UserView::of).toList(), next);
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasAuthority('users:write')")
    UserView create(@Valid @RequestBody CreateUser body) {
        return UserView.of(service.create(PlatformAuthentication.require(), body.email(), body.displayName(),
                roles(body.roles()), body.password(), body.territory()));
    }

    @GetMapping("/{id}")
    @PreAuthorize("hasAuthority('users:read')")
    UserView get(@PathVariable UUID id) {
        return UserView.of(service.get(PlatformAuthentication.require(), id));
    }

    @PatchMapping("/{id}")
    @PreAuthorize("hasAuthority('users:write')")
    UserView update(@PathVariable UUID id, @Valid @RequestBody UpdateUser body) {
        return UserView.of(service.update(PlatformAuthentication.require(), id, body.displayName(),
                body.roles() == null ? null : roles(body.roles()), body.status(), body.territory(), body.password()));
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @PreAuthorize("hasAuthority('users:write')")
    void delete(@PathVariable UUID id) {
        service.delete(PlatformAuthentication.require(), id);
    }

    static Set<Role> roles(List<String> ids) {
        return ids.stream().map(id -> Role.ofId(id).orElseThrow(() -> PlatformException.badRequest("unknown role " + id)))
                .collect(Collectors.toSet());
    }
}
