/**
 * The knowledge base: each client's articles (policies, FAQs, how-tos) in any number of languages, internal or
 * public, with categories, tags, a revision history per language and full-text search in each language. Agents
 * search it from the ticket page; drafts read a client's policy articles through {@link
 * KnowledgeBase#policiesFor}; public articles are readable without sign-in.
 */
@org.springframework.modulith.ApplicationModule(
        allowedDependencies = {"clients", "accounts", "tickets", "triage", "shared"})
package dev.kontor.knowledge;
