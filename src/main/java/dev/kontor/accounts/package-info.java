/** Users, roles, teams, agent languages, per-client access grants and API tokens. */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"audit", "clients", "shared"})
package dev.kontor.accounts;
