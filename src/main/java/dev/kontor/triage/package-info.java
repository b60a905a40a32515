/**
 * Triage of every inbound message, offline: language (Lingua, a configured language set), category (a
 * multilingual cue lexicon, improved by agents' corrections and extended by admins per client) and order
 * references (Amazon, eBay, Mirakl and shop numbers), written onto the ticket. Agents' corrections are recorded.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"tickets", "orders", "accounts", "shared"})
package dev.kontor.triage;
