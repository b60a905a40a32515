/** The audit trail: sign-ins, failed sign-ins, lockouts, admin changes, access grants, API tokens and exports. */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"shared"})
package dev.kontor.audit;
