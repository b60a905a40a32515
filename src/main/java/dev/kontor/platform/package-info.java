/** Cross-cutting configuration: the embedded PostgreSQL, the clock, security, error mapping, request limits. */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"accounts", "audit", "shared"})
package dev.kontor.platform;
