package dev.kontor.clients;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Map;

/** Commands of the clients module, validated at the edge (REST and forms) with these constraints. */
public final class ClientCommands {

    private ClientCommands() {}

    static final String KEY_PATTERN = "^[a-z0-9][a-z0-9-]{1,62}$";

    public record CreateClient(
            @NotBlank @Pattern(regexp = KEY_PATTERN, message = "{kontor.validation.key}")
            String key,

            @NotBlank @Size(max = 200) String name) {}

    public record UpdateClient(@NotBlank @Size(max = 200) String name, boolean active) {}

    public record CreateStore(
            @NotNull Long clientId,

            @NotBlank @Pattern(regexp = KEY_PATTERN, message = "{kontor.validation.key}")
            String key,

            @NotBlank @Size(max = 200) String name) {}

    public record UpdateStore(@NotBlank @Size(max = 200) String name, boolean active) {}

    public record CreateChannel(
            @NotNull Long storeId,
            @NotNull ChannelKind kind,
            @NotBlank @Size(max = 200) String name,
            Map<@Size(max = 100) String, @Size(max = 2000) String> settings) {}

    public record UpdateChannel(
            @NotBlank @Size(max = 200) String name,
            Map<@Size(max = 100) String, @Size(max = 2000) String> settings,
            boolean active) {}
}
