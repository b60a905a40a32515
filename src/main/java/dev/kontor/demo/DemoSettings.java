package dev.kontor.demo;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Demo mode, the password every demo account gets, and the simulated Mirakl marketplaces (how many, on which
 * port, and how often a customer writes).
 */
@ConfigurationProperties("kontor.demo")
record DemoSettings(
        @DefaultValue("false") boolean enabled,
        @DefaultValue("kontor-demo") String password,
        @DefaultValue("3") int marketplaces,
        @DefaultValue("8089") int simulatorPort,
        @DefaultValue("45s") java.time.Duration newThreadEvery) {}
