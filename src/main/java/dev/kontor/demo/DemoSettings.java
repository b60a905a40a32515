package dev.kontor.demo;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** Demo mode and the password every demo account gets. */
@ConfigurationProperties("kontor.demo")
record DemoSettings(
        @DefaultValue("false") boolean enabled,
        @DefaultValue("kontor-demo") String password) {}
