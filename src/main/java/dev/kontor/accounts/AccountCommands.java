package dev.kontor.accounts;

import dev.kontor.shared.LanguageCode;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Set;

/** Commands of the accounts module, validated at the edge with these constraints. */
public final class AccountCommands {

    private AccountCommands() {}

    public record CreateUser(
            @NotBlank @Email @Size(max = 254) String email,
            @NotBlank @Size(max = 200) String displayName,
            @NotNull Role role,
            @Size(min = 10, max = 200) String password,

            @Pattern(regexp = "^(en|de|fr|it)$", message = "{kontor.validation.locale}")
            String locale,

            List<@LanguageCode.Known String> languages,
            Set<Long> clientIds) {}

    public record UpdateUser(
            @NotBlank @Size(max = 200) String displayName,
            @NotNull Role role,

            @Pattern(regexp = "^(en|de|fr|it)$", message = "{kontor.validation.locale}")
            String locale,

            List<@LanguageCode.Known String> languages,
            boolean active) {}

    public record SetPassword(
            @NotBlank @Size(min = 10, max = 200) String password) {}

    public record CreateTeam(@NotBlank @Size(max = 200) String name, Set<Long> memberIds) {}

    public record UpdateTeam(@NotBlank @Size(max = 200) String name, Set<Long> memberIds) {}

    public record CreateApiToken(@NotBlank @Size(max = 100) String name) {}

    public record FirstAdmin(
            @NotBlank @Email @Size(max = 254) String email,
            @NotBlank @Size(max = 200) String displayName,
            @NotBlank @Size(min = 10, max = 200) String password) {}
}
