/**
 * First drafts of replies: "Draft reply" on a ticket writes a complete reply in the customer's language from the
 * conversation, the order snapshot, the client's policy and the category's best template, through any
 * OpenAI-compatible chat model ({@link DraftModel}) the install and the client allow, and otherwise from the template
 * filled with the order's data. Guardrails check every draft before an agent sees it; nothing is ever sent by itself.
 */
@org.springframework.modulith.ApplicationModule(
        allowedDependencies = {"tickets", "orders", "clients", "accounts", "answers", "knowledge", "triage", "shared"})
package dev.kontor.drafts;
