/** Customers of each client, known by their identities across channels (e-mail addresses, buyer ids). */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"shared"})
package dev.kontor.customers;
