package dev.kontor.accounts;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Sign-in defences. Failed sign-ins within {@code window} are counted per account and per source address; at the
 * limit that account or address is locked for {@code lockout}. Failed API tokens are counted per address and lock
 * that address out of the API for {@code tokenLockout}. An admin can unlock at any time.
 */
@Validated
@ConfigurationProperties("kontor.sign-in")
public record SignInSettings(
        @DefaultValue("5") @Min(1) @Max(1000) int maxAccountFailures,
        @DefaultValue("20") @Min(1) @Max(100000) int maxAddressFailures,
        @DefaultValue("20") @Min(1) @Max(100000) int maxTokenFailures,
        @DefaultValue("15m") Duration window,
        @DefaultValue("15m") Duration lockout,
        @DefaultValue("5m") Duration tokenLockout) {}
