package dev.kontor.platform;

import jakarta.validation.constraints.Min;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * HTTP at the edge.
 *
 * @param maxRequestBytes the largest request body any endpoint accepts (uploads included); larger ones get 413
 * @param trustedProxies addresses or CIDR ranges (e.g. {@code 10.0.0.5}, {@code 10.0.0.0/8}) of the reverse
 *     proxies whose {@code X-Forwarded-*} and {@code Forwarded} headers are believed; from anyone else they are
 *     dropped. Empty: nobody's.
 * @param hstsMaxAge how long browsers keep to HTTPS after a response over HTTPS ({@code Strict-Transport-Security})
 */
@Validated
@ConfigurationProperties("kontor.http")
record HttpSettings(
        @DefaultValue("26214400") @Min(1024) long maxRequestBytes,
        @DefaultValue List<String> trustedProxies,
        @DefaultValue("365d") Duration hstsMaxAge) {}
