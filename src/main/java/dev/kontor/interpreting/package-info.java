/**
 * Reading and writing tickets across languages: customer messages translated for agents who do not read their
 * language (stored once per message and target language, made in the background as soon as a ticket reaches such an
 * agent) and replies sent in the customer's language. Translates only through {@link
 * dev.kontor.translation.Translations}; the ticket module knows nothing of it.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"tickets", "accounts", "translation", "shared"})
package dev.kontor.interpreting;
