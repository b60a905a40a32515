package dev.kontor.channels;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Commands for marketplace accounts (a seller's account on one Mirakl operator). */
public final class MarketplaceCommands {

    private MarketplaceCommands() {}

    /**
     * {@code baseUrl}: the operator's Mirakl instance (e.g. {@code https://acme.mirakl.net}); {@code shopId} only
     * when the key's user manages several shops; {@code copyOperator} copies the operator on every reply.
     */
    public record CreateMarketplaceAccount(
            @NotNull Long storeId,
            @NotBlank @Size(max = 100) String name,
            @NotBlank @Size(max = 100) String operatorName,

            @NotBlank @Size(max = 500) @Pattern(regexp = "(?i)https?://[^\\s]+", message = "must be an http(s) URL")
            String baseUrl,

            @NotBlank @Size(max = 500) String apiKey,
            @Min(1) Long shopId,
            Boolean copyOperator,
            @Min(15) @Max(86400) Integer pollSeconds) {

        public boolean copiesOperator() {
            return Boolean.TRUE.equals(copyOperator);
        }

        /** Every minute unless set. */
        public int pollInterval() {
            return pollSeconds == null ? 60 : pollSeconds;
        }
    }

    /** Changes an account; a blank {@code apiKey} keeps the stored one, a new one clears an auth alert. */
    public record UpdateMarketplaceAccount(
            @NotBlank @Size(max = 100) String name,
            @NotBlank @Size(max = 100) String operatorName,

            @NotBlank @Size(max = 500) @Pattern(regexp = "(?i)https?://[^\\s]+", message = "must be an http(s) URL")
            String baseUrl,

            @Size(max = 500) String apiKey,
            @Min(1) Long shopId,
            Boolean copyOperator,
            @Min(15) @Max(86400) Integer pollSeconds) {

        public boolean copiesOperator() {
            return Boolean.TRUE.equals(copyOperator);
        }

        /** Every minute unless set. */
        public int pollInterval() {
            return pollSeconds == null ? 60 : pollSeconds;
        }
    }
}
