/** Cross-cutting configuration: the embedded PostgreSQL, the clock, security, error mapping, request limits. */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"accounts", "shared"})
package dev.kontor.platform;
