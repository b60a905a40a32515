package dev.kontor.platform;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/** The largest request body any endpoint accepts (uploads included); larger ones get 413. */
@Validated
@ConfigurationProperties("kontor.http")
record HttpSettings(@DefaultValue("26214400") @Min(1024) long maxRequestBytes) {}
