package dev.kontor.accounts.rest;

import dev.kontor.accounts.AccountCommands.CreateApiToken;
import dev.kontor.accounts.AccountCommands.CreateTeam;
import dev.kontor.accounts.AccountCommands.CreateUser;
import dev.kontor.accounts.AccountCommands.SetPassword;
import dev.kontor.accounts.AccountCommands.UpdateTeam;
import dev.kontor.accounts.AccountCommands.UpdateUser;
import dev.kontor.accounts.AccountManagement;
import dev.kontor.accounts.ApiTokenView;
import dev.kontor.accounts.CurrentUser;
import dev.kontor.accounts.SignInThrottle;
import dev.kontor.accounts.SignInThrottle.SignInLock;
import dev.kontor.accounts.TeamView;
import dev.kontor.accounts.TwoFactorManagement;
import dev.kontor.accounts.UserView;
import dev.kontor.shared.NotFound;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Users, client access grants, teams and API tokens. Admins manage everyone; a user manages their own tokens. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Users, teams and access")
class AccountRestController {

    private final AccountManagement accounts;
    private final SignInThrottle throttle;
    private final TwoFactorManagement twoFactor;

    AccountRestController(AccountManagement accounts, SignInThrottle throttle, TwoFactorManagement twoFactor) {
        this.accounts = accounts;
        this.throttle = throttle;
        this.twoFactor = twoFactor;
    }

    @GetMapping("/sign-in-locks")
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "Accounts, addresses and API-token addresses locked now after repeated failures (admin)")
    List<SignInLock> signInLocks() {
        return throttle.locks();
    }

    @DeleteMapping("/sign-in-locks/{lockId}")
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "Lift a sign-in lock and forget its failures (admin)")
    SignInLock unlock(@PathVariable long lockId) {
        return throttle.unlock(lockId);
    }

    @GetMapping("/users/{id}/two-factor")
    @Operation(summary = "Whether the user signs in with a second factor, and how many recovery codes are left")
    TwoFactorManagement.Status twoFactor(CurrentUser user, @PathVariable long id) {
        return twoFactor.status(ownOrAdmin(user, id));
    }

    @DeleteMapping("/users/{id}/two-factor")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "Turn a user's second factor off, e.g. after a lost phone; they can set it up again (admin)")
    void resetTwoFactor(@PathVariable long id) {
        twoFactor.reset(id);
    }

    @DeleteMapping("/users/{id}/sign-in-lock")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "Let a locked-out user sign in again at once (admin)")
    void unlockUser(@PathVariable long id) {
        throttle.unlockUser(id);
    }

    @GetMapping("/me")
    @Operation(summary = "The caller, with role, languages and clients")
    UserView me(CurrentUser user) {
        return accounts.user(user.id());
    }

    @GetMapping("/users")
    @PreAuthorize("hasAnyRole('ADMIN', 'SUPERVISOR')")
    List<UserView> users() {
        return accounts.users();
    }

    @GetMapping("/users/{id}")
    @PreAuthorize("hasAnyRole('ADMIN', 'SUPERVISOR')")
    UserView user(@PathVariable long id) {
        return accounts.user(id);
    }

    @PostMapping("/users")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "Create a user with role, languages and client access (admin)")
    UserView createUser(@Valid @RequestBody CreateUser command) {
        return accounts.createUser(command);
    }

    @PutMapping("/users/{id}")
    @PreAuthorize("hasRole('ADMIN')")
    UserView updateUser(@PathVariable long id, @Valid @RequestBody UpdateUser command) {
        return accounts.updateUser(id, command);
    }

    @PutMapping("/users/{id}/password")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @PreAuthorize("hasRole('ADMIN') or #id.toString() == authentication.name")
    void setPassword(@PathVariable long id, @Valid @RequestBody SetPassword command) {
        accounts.setPassword(id, command.password());
    }

    @PutMapping("/users/{id}/clients/{clientId}")
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "Grant the user access to a client's tickets (admin)")
    UserView grant(@PathVariable long id, @PathVariable long clientId) {
        accounts.grant(id, clientId);
        return accounts.user(id);
    }

    @DeleteMapping("/users/{id}/clients/{clientId}")
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "Revoke the user's access to a client's tickets (admin)")
    UserView revoke(@PathVariable long id, @PathVariable long clientId) {
        accounts.revoke(id, clientId);
        return accounts.user(id);
    }

    @GetMapping("/users/{id}/api-tokens")
    List<ApiTokenView> tokens(CurrentUser user, @PathVariable long id) {
        return accounts.apiTokens(ownOrAdmin(user, id));
    }

    @PostMapping("/users/{id}/api-tokens")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Create an API token; the answer holds the token, which is never shown again")
    ApiTokenView createToken(CurrentUser user, @PathVariable long id, @Valid @RequestBody CreateApiToken command) {
        return accounts.createApiToken(ownOrAdmin(user, id), command.name());
    }

    @DeleteMapping("/users/{id}/api-tokens/{tokenId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void revokeToken(CurrentUser user, @PathVariable long id, @PathVariable long tokenId) {
        accounts.revokeApiToken(ownOrAdmin(user, id), tokenId);
    }

    @GetMapping("/teams")
    List<TeamView> teams() {
        return accounts.teams();
    }

    @PostMapping("/teams")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasRole('ADMIN')")
    TeamView createTeam(@Valid @RequestBody CreateTeam command) {
        return accounts.createTeam(command);
    }

    @PutMapping("/teams/{id}")
    @PreAuthorize("hasRole('ADMIN')")
    TeamView updateTeam(@PathVariable long id, @Valid @RequestBody UpdateTeam command) {
        return accounts.updateTeam(id, command);
    }

    /** Another user's tokens are not found unless the caller is an admin. */
    private static long ownOrAdmin(CurrentUser user, long id) {
        if (user.id() != id && !user.isAdmin()) {
            throw new NotFound("user " + id);
        }
        return id;
    }
}
