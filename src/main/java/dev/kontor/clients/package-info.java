/** Client companies served by the team, their stores/brands, and the channels each store is reached through. */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"shared"})
package dev.kontor.clients;
